package fr.caviard;

/**
 * One finding. {@link #start()} and {@link #end()} are UTF-16 indexes into the scanned
 * String ({@code text.substring(start, end)}); the UTF-8 byte offsets are also given.
 */
public final class Finding {
    private final Kind kind;
    private final int start;
    private final int end;
    private final long byteStart;
    private final long byteEnd;
    private final int confidence;
    private final String detector;
    private final String reason;
    private final String value;

    Finding(
            Kind kind,
            int start,
            int end,
            long byteStart,
            long byteEnd,
            int confidence,
            String detector,
            String reason,
            String value) {
        this.kind = kind;
        this.start = start;
        this.end = end;
        this.byteStart = byteStart;
        this.byteEnd = byteEnd;
        this.confidence = confidence;
        this.detector = detector;
        this.reason = reason;
        this.value = value;
    }

    /** What it is. */
    public Kind kind() {
        return kind;
    }

    /** First UTF-16 index (String index) of the value. */
    public int start() {
        return start;
    }

    /** One past the last UTF-16 index of the value. */
    public int end() {
        return end;
    }

    /** First UTF-8 byte of the value. */
    public long byteStart() {
        return byteStart;
    }

    /** One past the last UTF-8 byte of the value. */
    public long byteEnd() {
        return byteEnd;
    }

    /** How sure caviard is, 0..1000. */
    public int confidence() {
        return confidence;
    }

    /** The detector that found it ("email", "deny-list", "custom:NAME"...). */
    public String detector() {
        return detector;
    }

    /** Why it was reported ("checksum", "context", "deny-list"...). */
    public String reason() {
        return reason;
    }

    /** The value itself: {@code text.substring(start(), end())}. */
    public String value() {
        return value;
    }

    /** Kind and offsets, never the value. */
    @Override
    public String toString() {
        return kind + "[" + start + ".." + end + "] " + confidence + " (" + detector + ", " + reason + ")";
    }
}
