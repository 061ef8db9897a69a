package com.aftersales.shared.lambda.aws;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import com.fasterxml.jackson.databind.ser.ContextualSerializer;
import com.fasterxml.jackson.databind.ser.ResolvableSerializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.util.Map;

/**
 * Lets an invocation that is no API Gateway event through Quarkus' HTTP extension, which reads every invocation as an
 * {@link APIGatewayV2HTTPEvent} and writes every result as an {@link APIGatewayV2HTTPResponse} with the application's
 * ObjectMapper (copied at static init, so this runs in the native image too). An input without {@code requestContext}
 * (API Gateway always sends one) becomes a {@link FunctionEvent} with the input as a map; a {@link FunctionResult} is
 * written as its output. HTTP events and responses are read and written as before.
 */
@Singleton
public class FunctionJson implements ObjectMapperCustomizer {

    private static final TypeReference<Map<String, Object>> INPUT = new TypeReference<>() {
    };

    @Override
    public void customize(ObjectMapper mapper) {
        SimpleModule module = new SimpleModule("aftersales-lambda-functions");
        module.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription bean,
                                                          JsonDeserializer<?> deserializer) {
                return bean.getBeanClass() == APIGatewayV2HTTPEvent.class ? new EventDeserializer(deserializer) : deserializer;
            }
        });
        module.setSerializerModifier(new BeanSerializerModifier() {
            @Override
            @SuppressWarnings("unchecked")
            public JsonSerializer<?> modifySerializer(SerializationConfig config, BeanDescription bean, JsonSerializer<?> serializer) {
                return bean.getBeanClass() == APIGatewayV2HTTPResponse.class
                        ? new ResultSerializer((JsonSerializer<Object>) serializer) : serializer;
            }
        });
        mapper.registerModule(module);
    }

    static final class EventDeserializer extends DelegatingDeserializer {

        EventDeserializer(JsonDeserializer<?> http) {
            super(http);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> newDelegatee) {
            return new EventDeserializer(newDelegatee);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonNode event = ctxt.readTree(p);
            if (event.isObject() && event.has("requestContext")) {
                try (JsonParser again = event.traverse(p.getCodec())) {
                    again.nextToken();
                    return _delegatee.deserialize(again, ctxt);
                }
            }
            if (event.isNull() || event.isMissingNode()) {
                return new FunctionEvent(Map.of());
            }
            if (!event.isObject()) {
                throw JsonMappingException.from(p, "a function's input is a JSON object, not " + event.getNodeType());
            }
            return new FunctionEvent(ctxt.readTreeAsValue(event, ctxt.getTypeFactory().constructType(INPUT)));
        }
    }

    static final class ResultSerializer extends StdSerializer<Object> implements ResolvableSerializer, ContextualSerializer {

        private final JsonSerializer<Object> http;

        ResultSerializer(JsonSerializer<Object> http) {
            super(Object.class);
            this.http = http;
        }

        @Override
        public void resolve(SerializerProvider provider) throws JsonMappingException {
            if (http instanceof ResolvableSerializer resolvable) {
                resolvable.resolve(provider);
            }
        }

        @Override
        @SuppressWarnings("unchecked")
        public JsonSerializer<?> createContextual(SerializerProvider provider, BeanProperty property) throws JsonMappingException {
            JsonSerializer<?> contextual = http instanceof ContextualSerializer c ? c.createContextual(provider, property) : http;
            return contextual == http ? this : new ResultSerializer((JsonSerializer<Object>) contextual);
        }

        @Override
        public void serialize(Object value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            if (value instanceof FunctionResult result) {
                provider.defaultSerializeValue(result.output(), gen);
            } else {
                http.serialize(value, gen, provider);
            }
        }
    }
}
