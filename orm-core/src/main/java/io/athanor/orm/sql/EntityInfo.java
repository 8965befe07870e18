package io.athanor.orm.sql;

import java.util.List;

/** The table behind a mapped class, as the compiler needs it. */
public interface EntityInfo {

    /** The mapped class. */
    Class<?> type();

    /** The table's name. */
    String tableName();

    /** The attribute names, in mapper order; an entity SELECT lists their columns in this order. */
    List<String> attributeNames();

    /**
     * The column of an attribute.
     *
     * @param attribute the attribute (field) name
     * @return the column's name
     * @throws io.athanor.orm.ArgumentException naming the entity and listing its attributes when unknown
     */
    String columnName(String attribute);

    /**
     * The column type of an attribute, for binding values compared with it.
     *
     * @param attribute the attribute name
     * @return the type
     */
    SqlType columnType(String attribute);

    /**
     * The value to bind for an attribute that an INSERT or UPDATE writes, after checking that its column
     * stores the value exactly on the database at hand, as a flush checks it.
     *
     * @param attribute the attribute name
     * @param value a non-null value
     * @param limits what the database stores
     * @param database the database's name, for the message
     * @return the value to bind
     * @throws io.athanor.orm.ArgumentException (ATH-E105 to ATH-E111) naming the attribute, when the
     *         database would truncate, round or otherwise alter the value
     */
    default Object storable(String attribute, Object value, StorageLimits limits, String database) {
        return value;
    }

    /**
     * The foreign keys from this entity's table to another's, each as pairs of (this attribute, other
     * attribute), for inferring a join's ON clause.
     *
     * @param other the other entity
     * @return one list of attribute pairs per foreign key; empty when there is none
     */
    List<List<String[]>> foreignKeysTo(EntityInfo other);
}
