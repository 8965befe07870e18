package io.athanor.orm.mapping.empty;

/** A package without mapped classes. */
public class Nothing {
}
