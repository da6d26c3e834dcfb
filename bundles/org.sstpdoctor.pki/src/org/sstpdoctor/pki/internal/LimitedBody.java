package org.sstpdoctor.pki.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A body subscriber that keeps at most {@code max} bytes: beyond that it cancels the exchange and
 * fails with {@link TooLargeException} (or, when {@code truncate}, completes with what it has).
 */
public final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {

    /** The body exceeded the limit. */
    public static final class TooLargeException extends IOException {
        private static final long serialVersionUID = 1L;
        private final long limit;

        public TooLargeException(long limit, String detail) {
            super("the response is larger than the limit of " + limit + " bytes" + detail);
            this.limit = limit;
        }

        public long limit() {
            return limit;
        }
    }

    private final long max;
    private final boolean truncate;
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private Flow.Subscription subscription;
    private long count;

    public LimitedBody(long max, boolean truncate) {
        this.max = max;
        this.truncate = truncate;
    }

    /** A subscriber that fails at once: the declared Content-Length is already too large. */
    public static HttpResponse.BodySubscriber<byte[]> refusing(long limit, long declared) {
        LimitedBody body = new LimitedBody(limit, false);
        body.result.completeExceptionally(
                new TooLargeException(limit, " (Content-Length: " + declared + ")"));
        return body;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (result.isDone()) {
            s.cancel();
        } else {
            s.request(1);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        if (result.isDone()) {
            return;
        }
        for (ByteBuffer b : items) {
            int n = b.remaining();
            if (count + n > max) {
                subscription.cancel();
                if (truncate) {
                    byte[] part = new byte[(int) (max - count)];
                    b.get(part);
                    out.write(part, 0, part.length);
                    result.complete(out.toByteArray());
                } else {
                    result.completeExceptionally(new TooLargeException(max, ""));
                }
                return;
            }
            count += n;
            byte[] chunk = new byte[n];
            b.get(chunk);
            out.write(chunk, 0, n);
        }
        subscription.request(1);
    }

    @Override
    public void onError(Throwable t) {
        result.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
        result.complete(out.toByteArray());
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return result;
    }
}
