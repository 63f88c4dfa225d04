package dev.wxgate.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;

/**
 * What {@code deploy/} says, read by the test that runs it as processes: the variables compose.yaml and the env file
 * example give a wxgate node, and deploy/nginx.conf rendered the way the nginx image's templates are (its
 * {@code ${WXGATE_*}} placeholders replaced, nginx's own {@code $variables} left alone).
 */
final class DeployFiles {
    static final Path DIRECTORY = Path.of("..", "deploy");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(WXGATE_[A-Z0-9_]+)}");

    private DeployFiles() {}

    /** The environment compose.yaml gives the service {@code service}, variable → value. */
    @SuppressWarnings("unchecked")
    static Map<String, String> composeEnvironment(String service) throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(DIRECTORY.resolve("compose.yaml")));
        Map<String, Object> services = (Map<String, Object>) compose.get("services");
        Map<String, Object> definition = (Map<String, Object>) services.get(service);
        if (definition == null) {
            throw new IllegalStateException("compose.yaml has no service " + service);
        }
        Map<String, String> environment = new LinkedHashMap<>();
        ((Map<String, Object>) definition.getOrDefault("environment", Map.of()))
                .forEach((name, value) -> environment.put(name, String.valueOf(value)));
        return environment;
    }

    /** The variables the env file example sets (its placeholders stand for the secrets). */
    static Set<String> envFileVariables() throws IOException {
        Set<String> names = new TreeSet<>();
        for (String line : Files.readAllLines(DIRECTORY.resolve("wxgate.env.example"))) {
            String trimmed = line.strip();
            if (!trimmed.isEmpty() && !trimmed.startsWith("#") && trimmed.contains("=")) {
                names.add(trimmed.substring(0, trimmed.indexOf('=')));
            }
        }
        return names;
    }

    /** deploy/nginx.conf with its placeholders replaced by {@code values}; every placeholder must have one. */
    static String nginxConf(Map<String, String> values) throws IOException {
        String template = Files.readString(DIRECTORY.resolve("nginx.conf"));
        Matcher placeholders = PLACEHOLDER.matcher(template);
        StringBuilder rendered = new StringBuilder();
        while (placeholders.find()) {
            String value = values.get(placeholders.group(1));
            if (value == null) {
                throw new IllegalStateException("deploy/nginx.conf uses ${" + placeholders.group(1)
                        + "}, which the test does not set (compose.yaml's nginx service must, too)");
            }
            placeholders.appendReplacement(rendered, Matcher.quoteReplacement(value));
        }
        placeholders.appendTail(rendered);
        return rendered.toString();
    }

    /** The {@code ${WXGATE_*}} placeholders deploy/nginx.conf uses. */
    static Set<String> nginxPlaceholders() throws IOException {
        Set<String> names = new TreeSet<>();
        Matcher placeholders = PLACEHOLDER.matcher(Files.readString(DIRECTORY.resolve("nginx.conf")));
        while (placeholders.find()) {
            names.add(placeholders.group(1));
        }
        return names;
    }
}
