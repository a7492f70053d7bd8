package io.dialready.output.files;

import io.dialready.spec.JobSpec;
import java.io.IOException;
import java.nio.file.Path;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;
import org.springframework.batch.infrastructure.item.file.FlatFileItemWriter;
import org.springframework.batch.infrastructure.item.file.builder.FlatFileItemWriterBuilder;
import org.springframework.batch.infrastructure.item.file.transform.PassThroughLineAggregator;
import org.springframework.core.io.FileSystemResource;

/**
 * A restartable, transactional file writer whose file is created readable by the owner and group only
 * ({@link OutputFiles#PERMISSIONS}). A fresh start creates the empty part file with those permissions before the
 * {@link FlatFileItemWriter} (set to append, so that it keeps the file it finds) opens it; a restart keeps the file,
 * which the writer truncates to its last committed position.
 */
public final class PrivateFileWriter implements ItemStreamWriter<String> {

    private final FlatFileItemWriter<String> delegate;
    private final String restartKey;
    private final Path file;

    /** @param name the delegate's name, under which it saves its position ({@code <name>.current.count}) */
    public PrivateFileWriter(FlatFileItemWriter<String> delegate, String name, Path file) {
        this.delegate = delegate;
        this.restartKey = name + ".current.count";
        this.file = file;
    }

    /**
     * A restartable, transactional writer of {@code target}'s part file in the spec's encoding and line separator,
     * starting with {@code header} (none when null).
     */
    public static PrivateFileWriter ofPart(String name, Path target, JobSpec.Output out, String header) {
        FlatFileItemWriterBuilder<String> b = new FlatFileItemWriterBuilder<String>()
                .name(name)
                .resource(new FileSystemResource(OutputFiles.part(target)))
                .append(true) // keeps the empty file open() created with its permissions
                .lineAggregator(new PassThroughLineAggregator<>())
                .encoding(out.encoding())
                .lineSeparator(out.lineSeparator())
                .transactional(true);
        if (header != null) {
            b.headerCallback(w -> w.write(header));
        }
        return new PrivateFileWriter(b.build(), name, OutputFiles.part(target));
    }

    @Override
    public void open(ExecutionContext context) {
        if (!context.containsKey(restartKey)) {
            try {
                OutputFiles.createPrivate(file);
            } catch (IOException e) {
                throw new ItemStreamException("cannot create " + file, e);
            }
        }
        delegate.open(context);
        OutputFiles.restrict(file);
    }

    @Override
    public void write(Chunk<? extends String> chunk) throws Exception {
        delegate.write(chunk);
    }

    @Override
    public void update(ExecutionContext context) {
        delegate.update(context);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
