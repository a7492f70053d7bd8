package io.dialready.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.SplittableRandom;

/**
 * Writes large synthetic debtor portfolios for benchmarks (a million rows in a few seconds), in the two shapes of the
 * samples:
 * <ul>
 * <li>{@code br}: the header of {@code samples/carteira-demo-br.csv}, Windows-1252, {@code ;}, CRLF, decimal comma,
 * {@code dd/MM/yyyy}; three phones per row (DDD1+FONE1, DDD2+FONE2, and one free-form number in TELEFONES);</li>
 * <li>{@code in}: the header of {@code samples/loans-demo-in.csv}, UTF-8, {@code ,}, LF; two phones per row.</li>
 * </ul>
 *
 * <p>The phones are a realistic mix: mostly valid mobiles in the formats seen in real files, some landlines, a few
 * legacy 8-digit Brazilian mobiles (valid once the ninth digit is added), carrier and trunk prefixes, a few junk
 * values and empty cells. Every valid number is derived from the row index through a bijection, so numbers do not
 * repeat across rows (a lookup benchmark is not all cache hits), and the same seed always gives the same file.
 * Due dates are counted back from {@link #AS_OF} and spread over the 0-30, 31-90 and 90+ days overdue segments.
 * There are no malformed rows: the file measures throughput, the samples cover the edge cases.
 *
 * <p>The file is written to {@code <out>.part} and renamed when complete. All names, documents, e-mail addresses
 * ({@code example.com}) and numbers are synthetic.
 *
 * <pre>
 * java -Dloader.main=io.dialready.bench.PortfolioGenerator -cp target/dialready.jar \
 *     org.springframework.boot.loader.launch.PropertiesLauncher --shape br --rows 1000000 --out bench/br.csv [--seed 42]
 * </pre>
 * (or {@code scripts/gen-portfolio.sh br 1000000 bench/br.csv [seed]}).
 */
public final class PortfolioGenerator {

    /** Date the generated due dates are counted back from (days overdue = AS_OF - due date). */
    public static final LocalDate AS_OF = LocalDate.of(2026, 11, 30);

    public static final String BR_HEADER =
            "CONTRATO;CPF;NOME;VALOR;VENCIMENTO;DDD1;FONE1;DDD2;FONE2;TELEFONES;EMAIL;CIDADE;UF";
    public static final String IN_HEADER =
            "loan_account_no,customer_name,mobile,alt_mobile,emi_amount,due_date,dpd,bucket";
    public static final long DEFAULT_SEED = 42;

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    private static final int FLUSH_CHARS = 1 << 18;
    private static final int WRITER_BUFFER = 1 << 20;
    private static final long TEN_MILLION = 10_000_000L;

    // Bijections i -> (i * A + B) mod M over the number spaces; A is coprime with M, B depends on the seed.
    /** Brazilian mobile after the 9: [6-9] + 7 digits. */
    private static final long BR_MOBILE_SPACE = 4 * TEN_MILLION;
    /** Brazilian landline: [2-5] + 7 digits. */
    private static final long BR_LANDLINE_SPACE = 4 * TEN_MILLION;

    private static final long CPF_SPACE = 1_000_000_000L;
    private static final long A_MOBILE = 7_368_787L;
    private static final long A_LANDLINE = 2_750_159L;
    private static final long A_CPF = 387_420_489L;
    private static final long A_IN_MOBILE = 982_451_653L;
    /**
     * Indian mobile prefixes that libphonenumber 9.0's metadata types MOBILE for any 7 following digits (checked on
     * random samples; not every 6-9 prefix is a mobile range, e.g. 891-894 are fixed or fixed-or-mobile).
     */
    private static final String[] IN_MOBILE_PREFIXES;

    static {
        String[] p = new String[100 + 10 + 10 + 10];
        int k = 0;
        for (int i = 900; i <= 999; i++) {
            p[k++] = Integer.toString(i);
        }
        for (int i = 700; i <= 709; i++) {
            p[k++] = Integer.toString(i);
        }
        for (int i : new int[] {800, 880, 888, 889, 890, 895, 896, 897, 898, 899}) {
            p[k++] = Integer.toString(i);
        }
        for (int i = 600; i <= 609; i++) {
            p[k++] = Integer.toString(i);
        }
        IN_MOBILE_PREFIXES = p;
    }

    private static final long IN_MOBILE_SPACE = IN_MOBILE_PREFIXES.length * TEN_MILLION;

    /** City, state and the area codes (DDD) that serve it; weights favour the big cities as real portfolios do. */
    @SuppressWarnings("ArrayRecordComponent") // constants, never compared
    private record City(String name, String uf, String[] ddds, int weight) {}

    private static final City[] CITIES = {
        new City("SÃO PAULO", "SP", new String[] {"11"}, 14),
        new City("GUARULHOS", "SP", new String[] {"11"}, 3),
        new City("CAMPINAS", "SP", new String[] {"19"}, 3),
        new City("SANTOS", "SP", new String[] {"13"}, 2),
        new City("RIBEIRÃO PRETO", "SP", new String[] {"16"}, 2),
        new City("SÃO JOSÉ DOS CAMPOS", "SP", new String[] {"12"}, 2),
        new City("RIO DE JANEIRO", "RJ", new String[] {"21"}, 9),
        new City("NITERÓI", "RJ", new String[] {"21"}, 2),
        new City("PETRÓPOLIS", "RJ", new String[] {"24"}, 1),
        new City("BELO HORIZONTE", "MG", new String[] {"31"}, 6),
        new City("UBERLÂNDIA", "MG", new String[] {"34"}, 2),
        new City("JUIZ DE FORA", "MG", new String[] {"32"}, 1),
        new City("SALVADOR", "BA", new String[] {"71"}, 5),
        new City("FEIRA DE SANTANA", "BA", new String[] {"75"}, 1),
        new City("VITÓRIA DA CONQUISTA", "BA", new String[] {"77"}, 1),
        new City("MANAUS", "AM", new String[] {"92"}, 3),
        new City("TEFÉ", "AM", new String[] {"97"}, 1),
        new City("CUIABÁ", "MT", new String[] {"65"}, 2),
        new City("RONDONÓPOLIS", "MT", new String[] {"66"}, 1),
        new City("PORTO ALEGRE", "RS", new String[] {"51"}, 4),
        new City("CAXIAS DO SUL", "RS", new String[] {"54"}, 1),
        new City("PELOTAS", "RS", new String[] {"53"}, 1),
        new City("RECIFE", "PE", new String[] {"81"}, 4),
        new City("PETROLINA", "PE", new String[] {"87"}, 1),
        new City("CURITIBA", "PR", new String[] {"41"}, 4),
        new City("FORTALEZA", "CE", new String[] {"85"}, 4),
        new City("GOIÂNIA", "GO", new String[] {"62"}, 3),
        new City("BRASÍLIA", "DF", new String[] {"61"}, 4),
        new City("BELÉM", "PA", new String[] {"91"}, 3),
        new City("FLORIANÓPOLIS", "SC", new String[] {"48"}, 2),
    };
    private static final City[] CITY_TABLE;

    static {
        int total = 0;
        for (City c : CITIES) {
            total += c.weight();
        }
        CITY_TABLE = new City[total];
        int k = 0;
        for (City c : CITIES) {
            for (int w = 0; w < c.weight(); w++) {
                CITY_TABLE[k++] = c;
            }
        }
    }

    private static final String[] BR_FIRST = {
        "JOSÉ",
        "MARIA",
        "JOÃO",
        "ANA",
        "ANTÔNIO",
        "FRANCISCO",
        "CARLOS",
        "PAULO",
        "PEDRO",
        "LUCAS",
        "LUIZ",
        "MARCOS",
        "LUÍS",
        "GABRIEL",
        "RAFAEL",
        "DANIEL",
        "MARCELO",
        "BRUNO",
        "EDUARDO",
        "FELIPE",
        "RAIMUNDO",
        "RODRIGO",
        "MANOEL",
        "SEBASTIÃO",
        "FÁBIO",
        "CONCEIÇÃO",
        "FRANCISCA",
        "ANTÔNIA",
        "ADRIANA",
        "JULIANA",
        "MÁRCIA",
        "FERNANDA",
        "PATRÍCIA",
        "ALINE",
        "SANDRA",
        "CAMILA",
        "AMANDA",
        "BRUNA",
        "JÉSSICA",
        "LETÍCIA",
        "JÚLIA",
        "LUCIANA",
        "VANESSA",
        "MARIANA",
        "GABRIELA",
        "VERA",
        "VITÓRIA",
        "LÚCIA",
        "ÂNGELA",
        "SIMONE"
    };
    private static final String[] BR_FIRST_ASCII = {
        "jose",
        "maria",
        "joao",
        "ana",
        "antonio",
        "francisco",
        "carlos",
        "paulo",
        "pedro",
        "lucas",
        "luiz",
        "marcos",
        "luis",
        "gabriel",
        "rafael",
        "daniel",
        "marcelo",
        "bruno",
        "eduardo",
        "felipe",
        "raimundo",
        "rodrigo",
        "manoel",
        "sebastiao",
        "fabio",
        "conceicao",
        "francisca",
        "antonia",
        "adriana",
        "juliana",
        "marcia",
        "fernanda",
        "patricia",
        "aline",
        "sandra",
        "camila",
        "amanda",
        "bruna",
        "jessica",
        "leticia",
        "julia",
        "luciana",
        "vanessa",
        "mariana",
        "gabriela",
        "vera",
        "vitoria",
        "lucia",
        "angela",
        "simone"
    };
    private static final String[] BR_LAST = {
        "SILVA",
        "SANTOS",
        "OLIVEIRA",
        "SOUZA",
        "RODRIGUES",
        "FERREIRA",
        "ALVES",
        "PEREIRA",
        "LIMA",
        "GOMES",
        "COSTA",
        "RIBEIRO",
        "MARTINS",
        "CARVALHO",
        "ALMEIDA",
        "LOPES",
        "SOARES",
        "FERNANDES",
        "VIEIRA",
        "BARBOSA",
        "ROCHA",
        "DIAS",
        "NASCIMENTO",
        "ANDRADE",
        "MOREIRA",
        "NUNES",
        "MARQUES",
        "MACHADO",
        "MENDES",
        "FREITAS",
        "CARDOSO",
        "RAMOS",
        "GONÇALVES",
        "SANTANA",
        "TEIXEIRA",
        "ARAÚJO",
        "CONCEIÇÃO",
        "BRAGANÇA",
        "ASSUNÇÃO",
        "DA SILVA"
    };
    private static final String[] BR_JUNK = {
        "0000-0000", "99999-9999", "123", "nao tem", "00000000000", "(11) 1234", "sem telefone", "-"
    };
    /** Carrier codes seen in "0 + carrier + DDD + number" long-distance notation. */
    private static final String[] BR_CARRIERS = {"21", "15", "41", "31", "14"};

    private static final String[] IN_FIRST = {
        "Rahul",
        "Priya",
        "Amit",
        "Sunita",
        "Mohammed",
        "Lakshmi",
        "Arjun",
        "Kavita",
        "Suresh",
        "Deepa",
        "Vikram",
        "Anjali",
        "Ravi",
        "Neha",
        "Sanjay",
        "Fatima",
        "Gurpreet",
        "Arun",
        "Pooja",
        "Karthik",
        "Meena",
        "Rohit",
        "Swati",
        "Imran",
        "Anil",
        "Rekha",
        "Manoj",
        "Divya",
        "Rajesh",
        "Sneha"
    };
    private static final String[] IN_LAST = {
        "Sharma",
        "Nair",
        "Kumar",
        "Singh",
        "Devi",
        "Khan",
        "Venkatesh",
        "Mehta",
        "Joshi",
        "Reddy",
        "Menon",
        "Chauhan",
        "Gupta",
        "Kulkarni",
        "Patel",
        "Sheikh",
        "Kaur",
        "Prakash",
        "Yadav",
        "Subramanian",
        "Kumari",
        "Verma",
        "Mishra",
        "Iyer",
        "Das",
        "Banerjee",
        "Pillai",
        "Rao",
        "Agarwal",
        "Naidu"
    };
    private static final String[] IN_JUNK = {"0000000000", "12345", "N/A", "9999999999", "NA"};
    /** Indian landline: STD code and the first digits that libphonenumber accepts after it. */
    private static final String[][] IN_LANDLINES = {
        {"11", "2"}, {"11", "4"}, {"22", "2"}, {"22", "6"}, {"44", "4"}, {"80", "2"}, {"33", "2"}
    };

    /** Days overdue: precomputed "dd/MM/yyyy" and "yyyy-MM-dd" strings for 0..MAX_DAYS days before AS_OF. */
    private static final int MAX_DAYS = 700;

    private static final String[] DATES_BR = new String[MAX_DAYS + 1];
    private static final String[] DATES_ISO = new String[MAX_DAYS + 1];

    static {
        for (int d = 0; d <= MAX_DAYS; d++) {
            LocalDate date = AS_OF.minusDays(d);
            DATES_ISO[d] = date.toString();
            DATES_BR[d] = two(date.getDayOfMonth()) + "/" + two(date.getMonthValue()) + "/" + date.getYear();
        }
    }

    private PortfolioGenerator() {}

    public static void main(String[] args) {
        String shape = null;
        Long rows = null;
        Path out = null;
        long seed = DEFAULT_SEED;
        try {
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.equals("-h") || a.equals("--help")) {
                    usage(null);
                    return;
                }
                if (i + 1 >= args.length) {
                    usage("missing value for " + a);
                    System.exit(2);
                }
                String v = args[++i];
                switch (a) {
                    case "--shape" -> shape = v;
                    case "--rows" -> rows = Long.parseLong(v.replace("_", ""));
                    case "--out" -> out = Path.of(v);
                    case "--seed" -> seed = Long.parseLong(v);
                    default -> {
                        usage("unknown option " + a);
                        System.exit(2);
                    }
                }
            }
        } catch (NumberFormatException e) {
            usage("not a number: " + e.getMessage());
            System.exit(2);
        }
        if (shape == null || rows == null || out == null) {
            usage("--shape, --rows and --out are required");
            System.exit(2);
        }
        long start = System.nanoTime();
        try {
            generate(shape, rows, out, seed);
        } catch (IllegalArgumentException e) {
            usage(e.getMessage());
            System.exit(2);
        } catch (IOException e) {
            System.err.println("gen-portfolio: cannot write " + out + ": " + e);
            System.exit(1);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
                java.util.Locale.ROOT,
                "generated shape=%s rows=%d seed=%d out=%s seconds=%.2f%n",
                shape,
                rows,
                seed,
                out,
                seconds);
    }

    private static void usage(String error) {
        if (error != null) {
            System.err.println("gen-portfolio: " + error);
        }
        (error != null ? System.err : System.out)
                .println("usage: PortfolioGenerator --shape br|in --rows N --out FILE [--seed S]   (default seed "
                        + DEFAULT_SEED + ")");
    }

    /**
     * Writes {@code rows} data rows plus the header of {@code shape} ("br" or "in") to {@code out}, deterministically
     * for {@code seed}. The parent folder is created; the file is written as {@code out.part}, then renamed.
     */
    public static void generate(String shape, long rows, Path out, long seed) throws IOException {
        if (rows < 0) {
            throw new IllegalArgumentException("rows must not be negative: " + rows);
        }
        boolean br;
        if ("br".equalsIgnoreCase(shape)) {
            br = true;
        } else if ("in".equalsIgnoreCase(shape)) {
            br = false;
        } else {
            throw new IllegalArgumentException("unknown shape '" + shape + "' (use br or in)");
        }
        Path target = out.toAbsolutePath().normalize();
        if (target.getParent() != null) {
            Files.createDirectories(target.getParent());
        }
        Path part = target.resolveSibling(target.getFileName() + ".part");
        try (Writer w = new BufferedWriter(
                new OutputStreamWriter(Files.newOutputStream(part), br ? WINDOWS_1252 : StandardCharsets.UTF_8),
                WRITER_BUFFER)) {
            if (br) {
                new BrRows(seed).write(w, rows);
            } else {
                new InRows(seed).write(w, rows);
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(part);
            throw e;
        }
        try {
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** Shared by both shapes: the row buffer, the random source and the number helpers. */
    private abstract static class Rows {
        final SplittableRandom random;
        final StringBuilder sb = new StringBuilder(FLUSH_CHARS + 4096);
        final char[] chunk = new char[FLUSH_CHARS + 4096];
        final long offsetMobile;
        final long offsetLandline;
        final long offsetCpf;

        Rows(long seed) {
            this.random = new SplittableRandom(seed);
            this.offsetMobile = Math.floorMod(seed * 0x9E3779B97F4A7C15L, BR_MOBILE_SPACE);
            this.offsetLandline = Math.floorMod(seed * 0xC2B2AE3D27D4EB4FL + 17, BR_LANDLINE_SPACE);
            this.offsetCpf = Math.floorMod(seed * 0x165667B19E3779F9L + 31, CPF_SPACE);
        }

        abstract String header();

        abstract String lineEnd();

        abstract void row(long i);

        final void write(Writer w, long rows) throws IOException {
            sb.append(header()).append(lineEnd());
            for (long i = 0; i < rows; i++) {
                row(i);
                sb.append(lineEnd());
                if (sb.length() >= FLUSH_CHARS) {
                    flush(w);
                }
            }
            flush(w);
        }

        private void flush(Writer w) throws IOException {
            int n = sb.length();
            sb.getChars(0, n, chunk, 0);
            w.write(chunk, 0, n);
            sb.setLength(0);
        }

        final int pct() {
            return random.nextInt(100);
        }

        /** Appends {@code value} left-padded with zeros to {@code width} digits. */
        final void digits(long value, int width) {
            int len = 1;
            for (long v = value / 10; v > 0; v /= 10) {
                len++;
            }
            for (int k = len; k < width; k++) {
                sb.append('0');
            }
            sb.append(value);
        }

        /** Appends digits {@code [from, to)} of the zero-padded {@code width}-digit form of {@code value}. */
        final void digitRange(long value, int width, int from, int to) {
            for (int k = from; k < to; k++) {
                long div = pow10(width - 1 - k);
                sb.append((char) ('0' + (value / div) % 10));
            }
        }

        static long pow10(int n) {
            long p = 1;
            for (int k = 0; k < n; k++) {
                p *= 10;
            }
            return p;
        }
    }

    /** The Brazilian shape. */
    private static final class BrRows extends Rows {

        BrRows(long seed) {
            super(seed);
        }

        @Override
        String header() {
            return BR_HEADER;
        }

        @Override
        String lineEnd() {
            return "\r\n";
        }

        /** The 9-digit mobile of slot {@code slot} of row {@code i}: 9 + [6-9] + 7 digits, unique per (i, slot). */
        long mobile(long i, int slot) {
            long v = Math.floorMod((i * 4 + slot) * A_MOBILE + offsetMobile, BR_MOBILE_SPACE);
            return 900_000_000L + (6 + v / TEN_MILLION) * TEN_MILLION + v % TEN_MILLION;
        }

        /** The 8-digit landline of slot {@code slot} of row {@code i}: [2-5] + 7 digits. */
        long landline(long i, int slot) {
            long v = Math.floorMod((i * 4 + slot) * A_LANDLINE + offsetLandline, BR_LANDLINE_SPACE);
            return (2 + v / TEN_MILLION) * TEN_MILLION + v % TEN_MILLION;
        }

        @Override
        void row(long i) {
            SplittableRandom r = random;
            City city = CITY_TABLE[r.nextInt(CITY_TABLE.length)];
            String ddd = city.ddds()[r.nextInt(city.ddds().length)];
            int first = r.nextInt(BR_FIRST.length);

            // CONTRATO
            sb.append("CT");
            digits(i + 1, 10);
            sb.append(';');
            // CPF: a bijection of the row index, with real check digits
            cpf(Math.floorMod(i * A_CPF + offsetCpf, CPF_SPACE));
            sb.append(';');
            // NOME
            sb.append(BR_FIRST[first]).append(' ').append(BR_LAST[r.nextInt(BR_LAST.length)]);
            if (r.nextInt(3) > 0) {
                sb.append(' ').append(BR_LAST[r.nextInt(BR_LAST.length)]);
            }
            sb.append(';');
            // VALOR: 50,00 to ~60.000,00, skewed to small debts
            long cents = 5_000 + (long) (Math.pow(r.nextDouble(), 3) * 6_000_000) + r.nextInt(100);
            brMoney(cents);
            sb.append(';');
            // VENCIMENTO: a third 0-30 days overdue, a third 31-90, a third 91-700
            sb.append(DATES_BR[overdueDays(r)]).append(';');
            // DDD1;FONE1: the main phone
            int p = pct();
            if (p < 80) {
                sb.append(ddd).append(';');
                dashed9(mobile(i, 0), r.nextInt(4) > 0);
            } else if (p < 88) {
                sb.append(ddd).append(';');
                dashed8(landline(i, 0), true);
            } else if (p < 93) {
                sb.append(ddd).append(';');
                dashed8(mobile(i, 0) - 900_000_000L, true); // legacy 8-digit mobile
            } else if (p < 96) {
                sb.append(ddd).append(';').append(BR_JUNK[r.nextInt(BR_JUNK.length)]);
            } else if (p < 98) {
                sb.append('0').append(ddd).append(';'); // "011": area code with trunk zero
                dashed9(mobile(i, 0), true);
            } else {
                sb.append(';');
            }
            sb.append(';');
            // DDD2;FONE2: a second phone, often a landline, often missing
            p = pct();
            if (p < 45) {
                sb.append(ddd).append(';');
                dashed9(mobile(i, 1), r.nextInt(4) > 0);
            } else if (p < 70) {
                sb.append(ddd).append(';');
                dashed8(landline(i, 1), r.nextInt(4) > 0);
            } else if (p < 74) {
                sb.append(ddd).append(';');
                dashed8(mobile(i, 1) - 900_000_000L, true);
            } else if (p < 78) {
                sb.append(ddd).append(';').append(BR_JUNK[r.nextInt(BR_JUNK.length)]);
            } else {
                sb.append(';');
            }
            sb.append(';');
            // TELEFONES: one free-form number
            telefones(i, ddd, r);
            sb.append(';');
            // EMAIL
            if (r.nextInt(10) < 7) {
                sb.append(BR_FIRST_ASCII[first]).append('.').append(i + 1).append("@example.com");
            }
            sb.append(';');
            // CIDADE;UF
            sb.append(city.name()).append(';').append(city.uf());
        }

        private void telefones(long i, String ddd, SplittableRandom r) {
            int p = pct();
            if (p < 10) {
                return; // empty
            }
            if (p < 15) {
                sb.append(BR_JUNK[r.nextInt(BR_JUNK.length)]);
                return;
            }
            if (p < 30) {
                long l = landline(i, 2);
                sb.append('(').append(ddd).append(") ");
                dashed8(l, true);
                if (r.nextInt(3) == 0) {
                    sb.append(" ramal ").append(10 + r.nextInt(290));
                }
                return;
            }
            long m = mobile(i, 2);
            switch (r.nextInt(8)) {
                case 0 -> {
                    sb.append('(').append(ddd).append(") ");
                    dashed9(m, true);
                }
                case 1 -> {
                    sb.append("+55 ").append(ddd).append(' ');
                    dashed9(m, true);
                }
                case 2 -> sb.append(ddd).append(m);
                case 3 -> {
                    sb.append("0 ")
                            .append(BR_CARRIERS[r.nextInt(BR_CARRIERS.length)])
                            .append(' ')
                            .append(ddd)
                            .append(' ');
                    digitRange(m, 9, 0, 5);
                    sb.append(' ');
                    digitRange(m, 9, 5, 9);
                }
                case 4 -> {
                    sb.append('0').append(ddd).append(' ');
                    dashed9(m, true);
                }
                case 5 -> {
                    sb.append('(').append(ddd).append(") 9 ");
                    digitRange(m, 9, 1, 5);
                    sb.append('-');
                    digitRange(m, 9, 5, 9);
                }
                case 6 -> sb.append("55").append(ddd).append(m);
                default -> {
                    sb.append(ddd).append(' ');
                    dashed8(m - 900_000_000L, true); // legacy 8-digit mobile with its DDD
                }
            }
        }

        /** "98765-4321" or "987654321". */
        private void dashed9(long n, boolean dash) {
            digitRange(n, 9, 0, 5);
            if (dash) {
                sb.append('-');
            }
            digitRange(n, 9, 5, 9);
        }

        /** "3456-7890" or "34567890". */
        private void dashed8(long n, boolean dash) {
            digitRange(n, 8, 0, 4);
            if (dash) {
                sb.append('-');
            }
            digitRange(n, 8, 4, 8);
        }

        private void cpf(long base) {
            int[] d = new int[11];
            long v = base;
            for (int k = 8; k >= 0; k--) {
                d[k] = (int) (v % 10);
                v /= 10;
            }
            int s = 0;
            for (int k = 0; k < 9; k++) {
                s += d[k] * (10 - k);
            }
            d[9] = (s * 10) % 11 % 10;
            s = 0;
            for (int k = 0; k < 10; k++) {
                s += d[k] * (11 - k);
            }
            d[10] = (s * 10) % 11 % 10;
            for (int k = 0; k < 11; k++) {
                if (k == 3 || k == 6) {
                    sb.append('.');
                } else if (k == 9) {
                    sb.append('-');
                }
                sb.append((char) ('0' + d[k]));
            }
        }

        /** "1.234,56". */
        private void brMoney(long cents) {
            long units = cents / 100;
            int frac = (int) (cents % 100);
            if (units >= 1_000_000) {
                sb.append(units / 1_000_000).append('.');
                digits(units / 1000 % 1000, 3);
                sb.append('.');
                digits(units % 1000, 3);
            } else if (units >= 1000) {
                sb.append(units / 1000).append('.');
                digits(units % 1000, 3);
            } else {
                sb.append(units);
            }
            sb.append(',');
            if (frac < 10) {
                sb.append('0');
            }
            sb.append(frac);
        }
    }

    /** The Indian shape. */
    private static final class InRows extends Rows {

        private final long offsetIn;

        InRows(long seed) {
            super(seed);
            this.offsetIn = Math.floorMod(seed * 0xD6E8FEB86659FD93L + 7, IN_MOBILE_SPACE);
        }

        @Override
        String header() {
            return IN_HEADER;
        }

        @Override
        String lineEnd() {
            return "\n";
        }

        @Override
        void row(long i) {
            SplittableRandom r = random;
            sb.append("LN");
            digits(i + 1, 10);
            sb.append(',');
            sb.append(IN_FIRST[r.nextInt(IN_FIRST.length)]).append(' ').append(IN_LAST[r.nextInt(IN_LAST.length)]);
            sb.append(',');
            phone(i, 0, r, 95);
            sb.append(',');
            if (r.nextInt(2) == 0) {
                phone(i, 1, r, 90);
            }
            sb.append(',');
            // emi_amount: 1,000.00 to ~50,000.00
            long paise = 100_000 + (long) (Math.pow(r.nextDouble(), 2) * 4_900_000) / 50 * 50;
            sb.append(paise / 100).append('.');
            int frac = (int) (paise % 100);
            if (frac < 10) {
                sb.append('0');
            }
            sb.append(frac).append(',');
            int dpd = overdueDays(r);
            sb.append(DATES_ISO[dpd]).append(',').append(dpd).append(',');
            sb.append(dpd <= 30 ? "B1" : dpd <= 60 ? "B2" : dpd <= 90 ? "B3" : "NPA");
        }

        /** One phone; {@code validShare} percent are valid numbers (mobiles and a few landlines). */
        private void phone(long i, int slot, SplittableRandom r, int validShare) {
            int p = pct();
            if (p >= validShare) {
                if (r.nextInt(2) == 0) {
                    sb.append(IN_JUNK[r.nextInt(IN_JUNK.length)]);
                }
                return; // junk or empty
            }
            if (p < 5) {
                String[] l = IN_LANDLINES[r.nextInt(IN_LANDLINES.length)];
                long n = Math.floorMod((i * 2 + slot) * A_LANDLINE + offsetLandline, TEN_MILLION);
                sb.append('0').append(l[0]).append(' ');
                // "011 2345 6789": 8 digits after the STD code for the metros
                sb.append(l[1]);
                digitRange(n, 7, 0, 3);
                sb.append(' ');
                digitRange(n, 7, 3, 7);
                return;
            }
            long v = Math.floorMod((i * 2 + slot) * A_IN_MOBILE + offsetIn, IN_MOBILE_SPACE);
            String prefix = IN_MOBILE_PREFIXES[(int) (v / TEN_MILLION)];
            long rest = v % TEN_MILLION;
            switch (r.nextInt(10)) {
                case 0, 1, 2, 3 -> {
                    sb.append(prefix);
                    digits(rest, 7);
                }
                case 4, 5 -> {
                    sb.append("+91 ").append(prefix);
                    digitRange(rest, 7, 0, 2);
                    sb.append(' ');
                    digitRange(rest, 7, 2, 7);
                }
                case 6, 7 -> {
                    sb.append('0').append(prefix);
                    digits(rest, 7);
                }
                default -> {
                    sb.append("91-").append(prefix);
                    digitRange(rest, 7, 0, 2);
                    sb.append('-');
                    digitRange(rest, 7, 2, 7);
                }
            }
        }
    }

    /** Days overdue: a third in 0-30, a third in 31-90, a third in 91-{@link #MAX_DAYS}. */
    private static int overdueDays(SplittableRandom r) {
        int s = r.nextInt(3);
        if (s == 0) {
            return r.nextInt(31);
        }
        if (s == 1) {
            return 31 + r.nextInt(60);
        }
        return 91 + r.nextInt(MAX_DAYS - 90);
    }

    private static String two(int v) {
        return v < 10 ? "0" + v : Integer.toString(v);
    }
}
