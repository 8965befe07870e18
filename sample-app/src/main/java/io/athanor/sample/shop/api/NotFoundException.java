package io.athanor.sample.shop.api;

/** A resource the client named does not exist: answered with 404. */
public class NotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public NotFoundException(String message) {
        super(message);
    }
}
