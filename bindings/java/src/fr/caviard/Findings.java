package fr.caviard;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/**
 * The findings of one scan, sorted, non-overlapping. The native findings are read once,
 * when the scan returns, and freed by {@link #close()} (idempotent); the Java values stay
 * usable after it, in any order with the engine.
 */
public final class Findings implements AutoCloseable, Iterable<Finding> {
    private CaviardLibrary.FindingsHandle handle;
    private final List<Finding> list;

    Findings(CaviardLibrary.FindingsHandle handle, String text) {
        this.handle = handle;
        try {
            this.list = read(handle, text);
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    private static List<Finding> read(CaviardLibrary.FindingsHandle handle, String text) {
        CaviardLibrary lib = Lib.LIB;
        long n = lib.cav_findings_len(handle).longValue();
        List<Finding> items = new ArrayList<>((int) Math.min(n, 1 << 16));
        CaviardLibrary.CavFinding f = new CaviardLibrary.CavFinding();
        for (long i = 0; i < n; i++) {
            CaviardLibrary.SizeT idx = Lib.size(i);
            if (lib.cav_findings_get(handle, idx, f) == 0) {
                break;
            }
            int start = (int) f.start_utf16.longValue();
            int end = (int) f.end_utf16.longValue();
            items.add(
                    new Finding(
                            Kind.fromCode(f.kind),
                            start,
                            end,
                            f.start.longValue(),
                            f.end.longValue(),
                            f.confidence,
                            Lib.cString(lib.cav_findings_detector(handle, idx)),
                            Lib.cString(lib.cav_findings_reason(handle, idx)),
                            text.substring(start, end)));
        }
        return Collections.unmodifiableList(items);
    }

    /** The number of findings. */
    public int size() {
        return list.size();
    }

    /** Finding {@code i}. */
    public Finding get(int i) {
        return list.get(i);
    }

    /** All findings, in order. */
    public List<Finding> list() {
        return list;
    }

    @Override
    public Iterator<Finding> iterator() {
        return list.iterator();
    }

    /** Frees the native findings; idempotent. */
    @Override
    public synchronized void close() {
        if (handle != null) {
            Lib.LIB.cav_findings_free(handle);
            handle = null;
        }
    }
}
