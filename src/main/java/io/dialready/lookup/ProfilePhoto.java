package io.dialready.lookup;

/** Whether an active number shows a profile photo, and its URL (null when none or hidden; links expire). */
public record ProfilePhoto(boolean present, String url) {

    public static final ProfilePhoto NONE = new ProfilePhoto(false, null);
}
