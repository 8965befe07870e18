package io.athanor.orm.relationship;

import io.athanor.orm.mapping.Column;
import io.athanor.orm.mapping.ForeignKey;
import io.athanor.orm.mapping.Relationship;
import io.athanor.orm.mapping.Table;

import java.util.ArrayList;
import java.util.List;

/** An adjacency list: a tree of nodes; deleting a parent does not delete its children. */
@Table("nodes")
public class Node {
    @Column(primaryKey = true) private Long id;
    @Column(length = 20, nullable = false) private String label;
    @Column(name = "parent_id") @ForeignKey("nodes.id") private Long parentId;
    @Relationship(backPopulates = "children") private Node parent;
    @Relationship(backPopulates = "parent", orderBy = "label") private List<Node> children = new ArrayList<>();

    protected Node() {
    }

    public Node(String label, Node parent) {
        this.label = label;
        this.parent = parent;
        if (parent != null) {
            parent.children.add(this);
        }
    }

    public Long getId() {
        return id;
    }

    public String getLabel() {
        return label;
    }

    public Long getParentId() {
        return parentId;
    }

    public Node getParent() {
        return parent;
    }

    public void setParent(Node parent) {
        this.parent = parent;
    }

    public List<Node> getChildren() {
        return children;
    }
}
