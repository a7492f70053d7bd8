package io.dialready.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Synthetic Brazilian debtor files, as agencies export them (windows-1252, ';', CRLF), with the columns
 * {@code spec/JobSpecBuilder.portfolio} maps. Every document number and phone is made up.
 */
public final class Portfolio {

    public static final Charset CP1252 = Charset.forName("windows-1252");

    public static final String HEADER =
            "CONTRATO;CPF;NOME;VALOR;VENCIMENTO;DDD1;FONE1;DDD2;FONE2;TELEFONES;EMAIL;CIDADE;UF";

    /** 7 data rows: 4 usable, 1 malformed, 1 without a key, 1 usable without a valid phone. */
    public static final String SEVEN_ROWS = HEADER + "\r\n"
            + "C001;111.111.111-11;JOSÉ DA SILVA;1.234,56;15/11/2026;11;98765-4321;11;3456-7890;;jose@x.test;SÃO PAULO;SP\r\n"
            + "C002;222.222.222-22;MARIA;25.000,00;01/08/2026;21;8765-4321;;;(21) 99876-5432 / 3456-7891;;RIO;RJ\r\n"
            + "C003;333;CURTA\r\n"
            + "C004;444;SEM FONE;10,00;20/10/2026;;;;;nao tem;;MANAUS;AM\r\n"
            + "\r\n"
            + "C005;555;\"ANA\r\nLINHA\";abc;31/02/2026;31;91234-5678;;;+55 31 91234-5678 ramal 12;;BH;MG\r\n"
            + ";666;SEM CHAVE;1,00;01/11/2026;11;91111-2222;;;;;;SP\r\n"
            + "C007;777;ZÉ;300,00;01/01/2025;0xx11;97777-8888;;;;;;SP\r\n";

    private Portfolio() {}

    /** {@link #SEVEN_ROWS} in windows-1252 at {@code file}. */
    public static Path sevenRows(Path file) {
        return write(file, SEVEN_ROWS.getBytes(CP1252));
    }

    /**
     * {@code rows} debtors, each with a mobile and a fixed line, every tenth with a second mobile in TELEFONES, some
     * with junk there; after every 1,000th a malformed row (two cells), which goes to rejects.
     */
    public static Path write(Path file, int rows) {
        return write(file, bytes(rows));
    }

    /** What {@link #write(Path, int)} writes. */
    public static byte[] bytes(int rows) {
        StringBuilder sb = new StringBuilder(rows * 120);
        sb.append(HEADER).append("\r\n");
        for (int i = 0; i < rows; i++) {
            int a = 10_000_000 + (i * 7919) % 89_999_999;
            sb.append("C")
                    .append(i)
                    .append(";000.000.000-00;DEVEDOR ")
                    .append(i)
                    .append(';')
                    .append(i % 5000)
                    .append(",")
                    .append(String.format("%02d", i % 100))
                    .append(';')
                    .append(String.format("%02d/%02d/2026", 1 + i % 28, 1 + i % 11))
                    .append(';')
                    .append(11 + i % 80)
                    .append(";9")
                    .append(a)
                    .append(';')
                    .append(11 + i % 80)
                    .append(";3")
                    .append(a % 10_000_000)
                    .append(';');
            if (i % 10 == 0) {
                sb.append("(21) 9").append(a / 10 + 1).append(" / ramal 1");
            } else if (i % 97 == 0) {
                sb.append("nao tem");
            }
            sb.append(";;CIDADE;SP\r\n");
            if (i % 1000 == 999) {
                sb.append("BROKEN;ROW\r\n");
            }
        }
        return sb.toString().getBytes(CP1252);
    }

    private static Path write(Path file, byte[] bytes) {
        try {
            return Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
