package com.aftersales.shared.web;

import com.aftersales.shared.error.ProblemException;
import com.aftersales.shared.error.ProblemException.Issue;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.ws.rs.BadRequestException;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * JSON Merge Patch (RFC 7396) for every {@code PATCH} of the API: the client sends only what changed; a member set to
 * null removes (clears) that field, an object merges into the one there, anything else (arrays included) replaces it.
 * The patch is applied to the record's current state in the shape of its PUT body, and the result is read and validated
 * exactly as a PUT body would be: an unknown field is 400, a rule broken 422, and a null for a required field 422
 * naming the field ({@code merge_patch.required}). Jackson's tree, as the rest of the API reads JSON with it.
 */
@ApplicationScoped
public class MergePatch {

    public static final String MEDIA_TYPE = "application/merge-patch+json";

    @Inject
    ObjectMapper mapper;

    @Inject
    Validator validator;

    /** The current state with the patch applied, as the request type, validated like a PUT body. */
    public <T> T apply(T current, JsonNode patch, Class<T> type) {
        if (patch == null || !patch.isObject()) {
            throw new ProblemException(400, "merge_patch_not_object");
        }
        Set<String> cleared = new TreeSet<>();
        nulls("", patch, cleared);
        T merged;
        try {
            merged = mapper.treeToValue(merge(mapper.valueToTree(current), patch), type);
        } catch (JsonProcessingException e) {
            // Answered as a body that cannot be read (ProblemMappers): 400 naming the field, unknown or of a wrong type.
            throw new BadRequestException(e);
        }
        Set<ConstraintViolation<T>> violations = validator.validate(merged);
        if (!violations.isEmpty()) {
            List<Issue> required = new ArrayList<>();
            violations.stream().map(v -> v.getPropertyPath().toString()).filter(cleared::contains).distinct().sorted()
                    .forEach(field -> required.add(Issue.of(field, "merge_patch.required")));
            if (!required.isEmpty()) {
                throw new ProblemException(422, "validation_failed", required);
            }
            throw new ConstraintViolationException(violations);
        }
        return merged;
    }

    /** RFC 7396, section 2: MergePatch(Target, Patch). */
    static JsonNode merge(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch;
        }
        ObjectNode result = target != null && target.isObject() ? ((ObjectNode) target).deepCopy()
                : ((ObjectNode) patch).objectNode();
        Iterator<Map.Entry<String, JsonNode>> fields = patch.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getValue().isNull()) {
                result.remove(field.getKey());
            } else {
                result.set(field.getKey(), merge(result.get(field.getKey()), field.getValue()));
            }
        }
        return result;
    }

    /** The dotted paths the patch sets to null (d2.what), to tell "cleared a required field" from other violations. */
    private static void nulls(String prefix, JsonNode patch, Set<String> into) {
        patch.fields().forEachRemaining(f -> {
            String path = prefix + f.getKey();
            if (f.getValue().isNull()) {
                into.add(path);
            } else if (f.getValue().isObject()) {
                nulls(path + ".", f.getValue(), into);
            }
        });
    }
}
