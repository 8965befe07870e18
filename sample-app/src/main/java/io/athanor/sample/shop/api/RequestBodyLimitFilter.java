package io.athanor.sample.shop.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Refuses a request body larger than {@code shop.api.max-body-bytes} (64 KiB by default; the API's
 * largest body is a customer of about 100 bytes) with 413, before it is read: by its Content-Length when
 * it has one, else as soon as the streamed body passes the limit. Without it, a 10 MB body was parsed
 * whole, and one of ignored fields was even accepted.
 */
@Component
public class RequestBodyLimitFilter extends OncePerRequestFilter {

    private final long maxBytes;

    public RequestBodyLimitFilter(@Value("${shop.api.max-body-bytes:65536}") long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** The JSON answer for a body over the limit, in the shape of {@link ApiError}. */
    static String tooLarge(long maxBytes) {
        HttpStatus status = HttpStatus.valueOf(413);
        return "{\"status\":413,\"error\":\"" + status.getReasonPhrase() + "\",\"message\":\"The request body is larger"
                + " than " + maxBytes + " bytes.\",\"fields\":{}}";
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > maxBytes) {
            response.setStatus(413);
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            // The body is not read; the server closes the connection once it has answered.
            response.getOutputStream().write(tooLarge(maxBytes).getBytes(StandardCharsets.UTF_8));
            response.flushBuffer();
            return;
        }
        chain.doFilter(new Limited(request, maxBytes), response);
    }

    /** A body that passed the limit while it was read (it had no Content-Length). */
    public static final class BodyTooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        BodyTooLargeException(long maxBytes) {
            super("The request body is larger than " + maxBytes + " bytes.");
        }
    }

    private static final class Limited extends HttpServletRequestWrapper {
        private final long maxBytes;
        private ServletInputStream stream;

        Limited(HttpServletRequest request, long maxBytes) {
            super(request);
            this.maxBytes = maxBytes;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new CountingStream(super.getInputStream(), maxBytes);
            }
            return stream;
        }
    }

    private static final class CountingStream extends ServletInputStream {
        private final ServletInputStream delegate;
        private final long maxBytes;
        private long read;

        CountingStream(ServletInputStream delegate, long maxBytes) {
            this.delegate = delegate;
            this.maxBytes = maxBytes;
        }

        private int counted(int bytes) throws IOException {
            if (bytes > 0) {
                read += bytes;
                if (read > maxBytes) {
                    throw new BodyTooLargeException(maxBytes);
                }
            }
            return bytes;
        }

        @Override
        public int read() throws IOException {
            int next = delegate.read();
            counted(next < 0 ? 0 : 1);
            return next;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            return counted(delegate.read(buffer, offset, length));
        }

        @Override
        public boolean isFinished() {
            return delegate.isFinished();
        }

        @Override
        public boolean isReady() {
            return delegate.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            delegate.setReadListener(listener);
        }
    }
}
