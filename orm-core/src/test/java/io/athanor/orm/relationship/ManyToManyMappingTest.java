package io.athanor.orm.relationship;

import io.athanor.orm.MappingException;
import io.athanor.orm.ArgumentException;
import io.athanor.orm.mapping.Column;
import io.athanor.orm.mapping.ForeignKey;
import io.athanor.orm.mapping.Registry;
import io.athanor.orm.mapping.Relationship;
import io.athanor.orm.mapping.Table;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Many-to-many mapping mistakes fail when the registry is built, naming the field and the association table. */
class ManyToManyMappingTest {

    @Table("posts")
    static class Post {
        @Column(primaryKey = true) private Long id;
        @Relationship(secondary = "post_tags") private Tag mainTag;
    }

    @Table("articles")
    static class Article {
        @Column(primaryKey = true) private Long id;
        @Relationship(secondary = "article_tags") private List<Tag> tags;
    }

    @Table("notes")
    static class Note {
        @Column(primaryKey = true) private Long id;
        @Relationship(secondary = "note_tags") private List<Tag> tags;
    }

    @Table("note_tags")
    static class NoteTag {
        @Column(primaryKey = true) @ForeignKey("notes.id") private Long noteId;
        @Column(primaryKey = true) @ForeignKey("tags.id") private Long tagId;
        @Column @ForeignKey("tags.id") private Long suggestedTagId;
    }

    @Table("memos")
    static class Memo {
        @Column(primaryKey = true) private Long id;
        @Relationship(secondary = "memo_tags", orderBy = "-label") private List<Tag> tags;
    }

    @Table("memo_tags")
    static class MemoTag {
        @Column(primaryKey = true) @ForeignKey("memos.id") private Long memoId;
        @Column(primaryKey = true) @ForeignKey("tags.id") private Long tagId;
    }

    @Table("tags")
    static class Tag {
        @Column(primaryKey = true) private Long id;
        @Column private String name;
    }

    @Test
    void aSecondaryOnASingleObjectFieldIsRefused() {
        assertThatThrownBy(() -> Registry.of(Post.class, Tag.class))
                .isInstanceOf(MappingException.class)
                .hasMessage("[ATH-E091] Post.mainTag names a secondary table but is not a collection; a many-to-many is a List, Set or"
                        + " Collection.");
    }

    @Test
    void aSecondaryTableThatNoClassMapsIsRefused() {
        assertThatThrownBy(() -> Registry.of(Article.class, Tag.class))
                .isInstanceOf(MappingException.class)
                .hasMessage("[ATH-E091] Article.tags names secondary table 'article_tags', which no mapped class of the registry has;"
                        + " map the association table as a class with a foreign key to each side.");
    }

    @Test
    void anAssociationTableNeedsExactlyOneForeignKeyToEachSide() {
        assertThatThrownBy(() -> Registry.of(Note.class, NoteTag.class, Tag.class))
                .isInstanceOf(MappingException.class)
                .hasMessage("[ATH-E091] Note.tags: the association table 'note_tags' needs exactly one foreign key to Note and one to"
                        + " Tag; it has 1 and 2.");
    }

    @Test
    void anOrderByNamingNoAttributeOfTheTargetIsRefused() {
        assertThatThrownBy(() -> Registry.of(Memo.class, MemoTag.class, Tag.class))
                .isInstanceOf(ArgumentException.class)
                .hasMessage("[ATH-E053] Memo.tags has orderBy = \"-label\", but Tag has no mapped attribute 'label'; its attributes are"
                        + " [id, name].");
    }
}
