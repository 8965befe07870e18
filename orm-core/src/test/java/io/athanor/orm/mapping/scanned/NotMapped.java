package io.athanor.orm.mapping.scanned;

/** Not annotated: scanning skips it. */
public class NotMapped {
}
