package io.athanor.orm.reliability;

/**
 * One generated input of a hostile-input property: the attribute of {@link EdgeValues} to write and its
 * value, and for the time-zone property the JVM time zone to run in.
 */
record EdgeCase(String attribute, Object value, String zone) {

    EdgeCase(String attribute, Object value) {
        this(attribute, value, null);
    }

    @Override
    public String toString() {
        return attribute + " = " + EdgeProperty.show(value) + (zone == null ? "" : " in JVM time zone " + zone);
    }
}
