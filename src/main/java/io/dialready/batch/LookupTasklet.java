package io.dialready.batch;

import io.dialready.domain.LookupResult;
import io.dialready.domain.WhatsAppStatus;
import io.dialready.lookup.ContactLookup;
import io.dialready.lookup.LookupAccount;
import io.dialready.lookup.LookupEngine;
import io.dialready.lookup.LookupTables;
import io.dialready.lookup.ProfilePhoto;
import io.dialready.lookup.QuotaStore;
import io.dialready.lookup.SandboxLookup;
import io.dialready.lookup.providers.ProviderFactory;
import io.dialready.spec.JobSpec;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * The {@code lookup} step: asks the run's numbers in the order they are worth asking (the plan built from the
 * pre-pass's queue), a page at a time. Each page: fresh cached answers are reused (unless --force-recheck), the rest
 * go through the {@link LookupEngine}, whose workers write every answer to the run's answers table (and definitive
 * ones to the cache) as it comes. A page is one iteration of the tasklet, so a killed run restarts with the next
 * unanswered number. At the end, the profile photos of the active numbers of the debtors owing enough, then the
 * numbers left unanswered (quota spent, account refused, provider down) go to the backlog the next run asks first,
 * and the step's exit status says why ({@code QUOTA_SPENT} or {@code PROVIDER_FAILED}, message in the context).
 */
final class LookupTasklet implements Tasklet, StepExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(LookupTasklet.class);

    static final String STEP = "lookup";
    static final String STOP_KEY = "lookup.stop";
    static final String STOP_MESSAGE_KEY = "lookup.stop_message";
    /** The accounts dropped from the run and why: one "name TAB reason" line each. */
    static final String DROPPED_KEY = "lookup.dropped";

    private static final int PAGE = 5_000;

    private final LookupTables tables;
    private final QuotaStore quota;
    private final JobSpec.Lookup settings;
    private final boolean forceRecheck;
    private final Clock clock;
    private final PrintStream console;
    private LookupEngine engine;
    private long jobInstanceId;
    private long afterSeq;
    private long planned;
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong checked = new AtomicLong();
    private final Map<String, String> dropped = new java.util.concurrent.ConcurrentSkipListMap<>();
    private long answeredAtStart;
    private long startNanos;
    private long lastPrintNanos;

    LookupTasklet(
            LookupTables tables,
            QuotaStore quota,
            JobSpec.Lookup settings,
            boolean forceRecheck,
            Clock clock,
            PrintStream console) {
        this.tables = tables;
        this.quota = quota;
        this.settings = settings;
        this.forceRecheck = forceRecheck;
        this.clock = clock;
        this.console = console;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        jobInstanceId = stepExecution.getJobExecution().getJobInstance().getInstanceId();
        tables.createAnswers(jobInstanceId);
        List<LookupAccount> accounts = new ArrayList<>();
        // the HTTP adapters (or the sandbox) of the spec's accounts, secrets from the environment (checked before the
        // run by the command line); --force-recheck also asks providers with a cache of their own to bypass it
        List<ContactLookup> ports = ProviderFactory.fromEnvironment(settings)
                .forceCheck(forceRecheck)
                .all();
        for (int i = 0; i < ports.size(); i++) {
            accounts.add(new LookupAccount(settings.accounts().get(i), ports.get(i), settings.batchSize()));
        }
        String provider = settings.provider();
        engine = new LookupEngine(accounts, settings, quota, clock, new LookupEngine.Recorder() {
            @Override
            public void answered(Map<String, LookupResult> answers, String account) {
                // one writer at a time: upserts of neighbouring keys from several workers can deadlock on MySQL
                synchronized (this) {
                    tables.answered(jobInstanceId, answers, account, false, provider, clock.instant());
                }
                answered.addAndGet(answers.size());
                progress(checked.addAndGet(answers.size()));
            }

            @Override
            public void call(
                    String account,
                    String kind,
                    int numbers,
                    int attempt,
                    String outcome,
                    long waitedMs,
                    Instant sentAt,
                    int charged) {
                tables.call(jobInstanceId, account, kind, numbers, attempt, outcome, waitedMs, sentAt, charged);
            }

            @Override
            public void dropped(String account, String reason) {
                dropped.put(account, reason);
            }

            @Override
            public void photo(String e164, ProfilePhoto photo) {
                tables.photo(jobInstanceId, e164, photo);
            }
        });
        afterSeq = 0;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        ExecutionContext context =
                chunkContext.getStepContext().getStepExecution().getExecutionContext();
        if (!context.containsKey("lookup.planned")) {
            // its own iteration, so its transaction commits before any worker writes: on MySQL the INSERT ... SELECT
            // would otherwise hold shared locks on the cache that the workers' upserts wait for
            planned = tables.buildPlan(jobInstanceId);
            context.putLong("lookup.planned", planned);
            log.info("lookup plan: {} distinct numbers", planned);
            return RepeatStatus.CONTINUABLE;
        }
        planned = context.getLong("lookup.planned");
        if (startNanos == 0) {
            startNanos = System.nanoTime();
            lastPrintNanos = startNanos;
            answeredAtStart = tables.answeredCount(jobInstanceId);
            answered.set(answeredAtStart);
        }
        List<LookupTables.Planned> page =
                engine.stop() == LookupEngine.Stop.NONE ? tables.page(jobInstanceId, afterSeq, PAGE) : List.of();
        if (page.isEmpty()) {
            finish(context);
            return RepeatStatus.FINISHED;
        }
        Map<String, LookupResult> hits = new HashMap<>();
        List<String> ask = new ArrayList<>(page.size());
        Instant freshPositive = clock.instant().minus(settings.cacheTtl(false));
        Instant freshNegative = clock.instant().minus(settings.cacheTtl(true));
        boolean sandbox = settings.provider().equals(SandboxLookup.NAME);
        for (LookupTables.Planned p : page) {
            boolean reusable = !forceRecheck
                    && p.cachedStatus() != null
                    && p.checkedAt() != null
                    && (p.cachedStatus().equals("ACTIVE") || p.cachedStatus().equals("INACTIVE"))
                    // a negative has its own, shorter age: people install WhatsApp
                    && p.checkedAt().isAfter(p.cachedStatus().equals("INACTIVE") ? freshNegative : freshPositive)
                    // a simulated answer is never reused by a real provider, nor a real one by the sandbox
                    && SandboxLookup.NAME.equals(p.cachedProvider()) == sandbox;
            if (reusable) {
                hits.put(p.e164(), new LookupResult(WhatsAppStatus.valueOf(p.cachedStatus()), p.cachedId()));
            } else {
                ask.add(p.e164());
            }
        }
        if (!hits.isEmpty()) {
            // committed in an iteration of their own: the step's transaction holds no locks while the workers write
            tables.answered(jobInstanceId, hits, null, true, settings.provider(), clock.instant());
            answered.addAndGet(hits.size());
            return RepeatStatus.CONTINUABLE; // the same page again, without the numbers just answered
        }
        afterSeq = page.get(page.size() - 1).seq();
        engine.check(ask);
        keepDropped(context);
        if (engine.stop() != LookupEngine.Stop.NONE) {
            finish(context);
            return RepeatStatus.FINISHED;
        }
        return RepeatStatus.CONTINUABLE;
    }

    private void finish(ExecutionContext context) throws InterruptedException {
        if (settings.photos() != null && engine.stop() != LookupEngine.Stop.PROVIDER_FAILED) {
            Map<String, String> wanted = tables.photosWanted(jobInstanceId);
            if (!wanted.isEmpty()) {
                log.info("fetching {} profile photos", wanted.size());
                engine.photos(wanted);
            }
        }
        keepDropped(context);
        if (engine.stop() != LookupEngine.Stop.NONE) {
            tables.keepBacklog(jobInstanceId, clock.instant());
            context.putString(STOP_KEY, engine.stop().name());
            context.putString(STOP_MESSAGE_KEY, engine.stopMessage());
        }
        progress(-1);
    }

    /** The accounts dropped so far, in the step's context (committed with the iteration) for the report. */
    private void keepDropped(ExecutionContext context) {
        if (!dropped.isEmpty()) {
            StringBuilder lines = new StringBuilder();
            dropped.forEach((name, reason) -> lines.append(name)
                    .append('\t')
                    .append(reason.replace('\n', ' ').replace('\t', ' '))
                    .append('\n'));
            context.putString(DROPPED_KEY, lines.toString());
        }
    }

    /** The accounts a run's lookup step dropped, from its context: name -> reason, in name order. */
    static Map<String, String> dropped(ExecutionContext context) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        if (context.containsKey(DROPPED_KEY)) {
            for (String line : context.getString(DROPPED_KEY).split("\n")) {
                int tab = line.indexOf('\t');
                if (tab > 0) {
                    out.put(line.substring(0, tab), line.substring(tab + 1));
                }
            }
        }
        return out;
    }

    /** At most one line every 10 s (and one at the end): numbers answered, checks/s against the allowed rate, ETA. */
    private synchronized void progress(long done) {
        long now = System.nanoTime();
        boolean last = done < 0;
        if (!last && now - lastPrintNanos < 10_000_000_000L) {
            return;
        }
        lastPrintNanos = now;
        long total = answered.get();
        double seconds = (now - startNanos) / 1e9;
        // the rate of provider answers only: cache hits cost nothing and would flatter it
        double rate = seconds > 0 ? checked.get() / seconds : 0;
        long left = Math.max(0, planned - total);
        String eta = rate > 0 && !last
                ? ", ETA "
                        + Duration.ofSeconds(Math.round(left / rate))
                                .toString()
                                .substring(2)
                                .toLowerCase(java.util.Locale.ROOT)
                : "";
        String line = String.format(
                "lookup: %,d of %,d numbers answered (%,d by the provider in this process),"
                        + " %.1f checks/s (allowed %.1f/s)%s",
                total, planned, checked.get(), rate, engine.allowedRate(), eta);
        log.info(line);
        if (console != null) {
            console.println(line);
        }
    }

    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        if (engine != null) {
            engine.close();
        }
        return null;
    }
}
