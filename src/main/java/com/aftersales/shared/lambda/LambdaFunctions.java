package com.aftersales.shared.lambda;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.literal.NamedLiteral;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;

/**
 * Which function this process is. One package serves three Lambda functions: the HTTP API (no handler name) and the
 * {@link LambdaFunction}s chosen by {@code quarkus.lambda.handler} ({@code QUARKUS_LAMBDA_HANDLER=jobs}). Quarkus itself
 * ignores that setting beside its HTTP extension, and refuses to build with another {@code RequestHandler} in the
 * application; the Lambda build's dispatcher (shared.lambda.aws) reads it here instead.
 */
@ApplicationScoped
public class LambdaFunctions {

    @ConfigProperty(name = "quarkus.lambda.handler")
    Optional<String> handler;

    @Inject
    @Any
    Instance<LambdaFunction> functions;

    /** The function this process serves instead of the HTTP API, if any. */
    public Optional<Named> selected() {
        return handler.filter(name -> !name.isBlank()).map(name -> {
            Instance<LambdaFunction> named = functions.select(NamedLiteral.of(name));
            if (!named.isResolvable()) {
                throw new IllegalStateException("quarkus.lambda.handler=" + name + " names no function of this package");
            }
            return new Named(name, named.get());
        });
    }

    /** A wrong name fails the start (Lambda's init error), not the first invocation. */
    void check(@Observes StartupEvent start) {
        selected();
    }

    public record Named(String name, LambdaFunction function) {
    }
}
