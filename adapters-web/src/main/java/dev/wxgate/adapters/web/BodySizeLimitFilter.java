package dev.wxgate.adapters.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Adapter guard: a request body larger than the limit is refused with 413 before anything parses it, whether its
 * length is declared (refused at once) or it streams in chunks (counted as it is read, through the stream or the
 * reader, and cut at the limit). Each HTTP surface adds it to its own filter chain with its own limit; under the
 * console the refusal is the console's error page.
 */
public final class BodySizeLimitFilter extends OncePerRequestFilter {
    private final long maxBytes;

    public BodySizeLimitFilter(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > maxBytes) {
            if (HttpErrors.isConsole(request)) {
                response.sendError(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
                return;
            }
            new ErrorBody("payload_too_large", "the request body is larger than " + maxBytes + " bytes")
                    .writeTo(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
            return;
        }
        try {
            chain.doFilter(new Limited(request, maxBytes), response);
        } catch (InvalidParameterException invalid) {
            // A filter (CSRF) asked for a form parameter and Tomcat refused the form body (over its form limit).
            if (response.isCommitted()) {
                throw invalid;
            }
            int status = HttpErrors.status(invalid);
            response.reset();
            if (HttpErrors.isConsole(request)) {
                response.sendError(status);
            } else {
                ErrorBody.forStatus(status).writeTo(response, status);
            }
        }
    }

    private static final class Limited extends HttpServletRequestWrapper {
        private final long maxBytes;
        private ServletInputStream limited;
        private BufferedReader reader;

        Limited(HttpServletRequest request, long maxBytes) {
            super(request);
            this.maxBytes = maxBytes;
        }

        /** Tomcat's own reader would read past the count: the reader decodes the counted stream instead. */
        @Override
        public BufferedReader getReader() throws IOException {
            if (reader == null) {
                String encoding = getCharacterEncoding();
                Charset charset;
                try {
                    charset = encoding == null ? StandardCharsets.ISO_8859_1 : Charset.forName(encoding);
                } catch (IllegalArgumentException unknown) {
                    throw new java.io.UnsupportedEncodingException("unsupported request charset");
                }
                reader = new BufferedReader(new InputStreamReader(getInputStream(), charset));
            }
            return reader;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (limited == null) {
                ServletInputStream in = super.getInputStream();
                limited = new ServletInputStream() {
                    private long read;

                    @Override
                    public int read() throws IOException {
                        int b = in.read();
                        if (b >= 0) {
                            count(1);
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] buffer, int offset, int length) throws IOException {
                        int n = in.read(buffer, offset, length);
                        if (n > 0) {
                            count(n);
                        }
                        return n;
                    }

                    private void count(int n) throws HttpErrors.PayloadTooLargeException {
                        read += n;
                        if (read > maxBytes) {
                            throw new HttpErrors.PayloadTooLargeException(maxBytes);
                        }
                    }

                    @Override
                    public boolean isFinished() {
                        return in.isFinished();
                    }

                    @Override
                    public boolean isReady() {
                        return in.isReady();
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        in.setReadListener(listener);
                    }
                };
            }
            return limited;
        }
    }
}
