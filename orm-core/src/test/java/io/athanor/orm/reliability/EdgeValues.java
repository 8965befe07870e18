package io.athanor.orm.reliability;

import io.athanor.orm.mapping.Column;
import io.athanor.orm.mapping.ColumnType;
import io.athanor.orm.mapping.Table;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One column of every mapped type, for the hostile-input properties: each try writes one attribute of a
 * new row (the others stay null) and reads it back. The key is assigned by the test, so that a refused
 * flush can be checked to have left no row behind.
 */
@Table("edge_values")
public class EdgeValues {
    @Column(primaryKey = true, autoincrement = Column.Autoincrement.FALSE) private Long id;

    @Column(length = 40) private String label;
    @Column(type = ColumnType.TEXT) private String notes;
    @Column(type = ColumnType.JSON) private String document;
    @Column private Short tiny;
    @Column private Integer count;
    @Column private Long total;
    @Column private long counter;
    @Column(type = ColumnType.SMALL_INTEGER) private Integer smallCount;
    @Column(type = ColumnType.INTEGER) private Long narrowTotal;
    @Column(type = ColumnType.BIG_INTEGER) private BigInteger huge;
    @Column private BigDecimal amount;
    @Column(precision = 12, scale = 2) private BigDecimal price;
    @Column(precision = 38, scale = 0) private BigDecimal wide;
    @Column(type = ColumnType.NUMERIC, precision = 20, scale = 6) private Double measured;
    @Column private Double ratio;
    @Column private Float weight;
    @Column(type = ColumnType.FLOAT) private Double narrowRatio;
    @Column private Boolean flag;
    @Column private LocalDate day;
    @Column private LocalTime clock;
    @Column private LocalDateTime moment;
    @Column private OffsetDateTime zoned;
    @Column private Instant instant;
    @Column private UUID token;
    @Column private EdgeMood mood;
    @Column(type = ColumnType.STRING, length = 12) private EdgeMood shortMood;
    @Column(type = ColumnType.STRING, length = 36) private UUID tokenText;
    @Column private byte[] blob;
    @Column(length = 16) private byte[] digest;

    // Primitives (NOT NULL columns: a row that sets another attribute writes their zero) and the other Java
    // types each column type accepts.
    @Column private Byte octet;
    @Column private byte plainOctet;
    @Column private short plainTiny;
    @Column private int plainCount;
    @Column private double plainRatio;
    @Column private float plainWeight;
    @Column private boolean plainFlag;
    @Column(type = ColumnType.INTEGER) private Byte widenedOctet;
    @Column(type = ColumnType.INTEGER) private Short widenedTiny;
    @Column(type = ColumnType.BIG_INTEGER) private Integer widenedCount;
    @Column(type = ColumnType.NUMERIC, precision = 5, scale = 0) private Long decimalTotal;
    @Column(type = ColumnType.NUMERIC, precision = 10, scale = 0) private Integer decimalCount;
    @Column(type = ColumnType.NUMERIC, precision = 10, scale = 4) private Float decimalWeight;
    @Column(type = ColumnType.DOUBLE) private Float widenedWeight;

    protected EdgeValues() {
    }

    public EdgeValues(long id) {
        this.id = id;
    }

    public Long getId() {
        return id;
    }
}
