package io.dialready.output.report;

/**
 * Counts distinct E.164 numbers exactly in little memory: each number is kept as a long (E.164 has at most 15 digits)
 * in an open-addressing hash set, about 16 bytes a number, instead of a String in a HashSet (about 100).
 */
public final class DistinctCounter {

    private long[] slots = new long[1 << 16];
    private int size;

    /** @return true when the number had not been seen */
    public boolean add(String e164) {
        long key = Long.parseLong(e164.startsWith("+") ? e164.substring(1) : e164) + 1; // 0 marks an empty slot
        if (size * 2 >= slots.length) {
            long[] old = slots;
            slots = new long[old.length * 2];
            for (long k : old) {
                if (k != 0) {
                    place(slots, k);
                }
            }
        }
        if (!place(slots, key)) {
            return false;
        }
        size++;
        return true;
    }

    /** Puts the key in the table by linear probing; false when it is there already. */
    private static boolean place(long[] table, long key) {
        int mask = table.length - 1;
        int i = (int) (mix(key) & mask);
        while (table[i] != 0) {
            if (table[i] == key) {
                return false;
            }
            i = (i + 1) & mask;
        }
        table[i] = key;
        return true;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        return z ^ (z >>> 33);
    }

    public int size() {
        return size;
    }
}
