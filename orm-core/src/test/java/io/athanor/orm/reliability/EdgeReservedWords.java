package io.athanor.orm.reliability;

import io.athanor.orm.mapping.Column;
import io.athanor.orm.mapping.Table;

/**
 * Columns named by words that one of the databases reserves (H2's {@code day} and {@code year},
 * PostgreSQL's {@code binary} and {@code verbose}, MariaDB's {@code read}, ...): each dialect must quote
 * the ones it reserves, in DDL and in every statement.
 */
@Table("edge_reserved_words")
public class EdgeReservedWords {
    @Column(primaryKey = true) private Long id;
    @Column private Integer day;
    @Column private Integer year;
    @Column private Integer month;
    @Column private Integer hour;
    @Column private Integer minute;
    @Column private Integer second;
    @Column private Integer value;
    @Column private Integer some;
    @Column private Integer both;
    @Column private Integer leading;
    @Column private Integer partition;
    @Column private Integer rows;
    @Column private Integer binary;
    @Column private Integer verbose;
    @Column private Integer only;
    @Column private Integer returning;
    @Column private Integer similar;
    @Column private Integer freeze;
    @Column(name = "do") private Integer doWord;
    @Column private Integer order;
    @Column private Integer read;

    protected EdgeReservedWords() {
    }

    public EdgeReservedWords(int number) {
        this.day = number;
        this.year = number;
        this.month = number;
        this.hour = number;
        this.minute = number;
        this.second = number;
        this.value = number;
        this.some = number;
        this.both = number;
        this.leading = number;
        this.partition = number;
        this.rows = number;
        this.binary = number;
        this.verbose = number;
        this.only = number;
        this.returning = number;
        this.similar = number;
        this.freeze = number;
        this.doWord = number;
        this.order = number;
        this.read = number;
    }

    public Long getId() {
        return id;
    }

    public Integer getDay() {
        return day;
    }

    public Integer getDoWord() {
        return doWord;
    }

    public Integer getVerbose() {
        return verbose;
    }
}
