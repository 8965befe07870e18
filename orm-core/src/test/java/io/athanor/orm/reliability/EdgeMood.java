package io.athanor.orm.reliability;

/** An enum stored by name, whose longest constant sets the column's length (17 characters). */
public enum EdgeMood {
    CALM,
    QUIETLY_CONFIDENT,
    X
}
