package io.dialready.output.report;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * The most heap the process has needed: the peak of the heap still in use right after a garbage collection (the live
 * data), which is what decides whether a run fits in -Xmx. Summing each pool's own peak would overstate it (pools peak
 * at different times), and heap "used" between collections is mostly garbage.
 */
public final class HeapWatch {

    private static final AtomicLong PEAK_AFTER_GC = new AtomicLong();
    private static volatile boolean started;

    private HeapWatch() {}

    public static synchronized void start() {
        if (started) {
            return;
        }
        started = true;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(
                        (notification, handback) -> {
                            if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(
                                    notification.getType())) {
                                return;
                            }
                            GarbageCollectionNotificationInfo info =
                                    GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                            long used = 0;
                            for (Map.Entry<String, MemoryUsage> e :
                                    info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                                if (isHeap(e.getKey())) {
                                    used += e.getValue().getUsed();
                                }
                            }
                            PEAK_AFTER_GC.accumulateAndGet(used, Math::max);
                        },
                        null,
                        null);
            }
        }
    }

    private static boolean isHeap(String pool) {
        // HotSpot's heap pools for G1, Parallel, Serial and ZGC; metaspace and code cache are not heap
        return !(pool.contains("Metaspace") || pool.contains("Code") || pool.contains("Compressed Class"));
    }

    /** Peak live heap in MiB; before any collection has run, the heap in use now. */
    public static long peakMb() {
        long peak = PEAK_AFTER_GC.get();
        if (peak == 0) {
            peak = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        }
        return peak / (1024 * 1024);
    }
}
