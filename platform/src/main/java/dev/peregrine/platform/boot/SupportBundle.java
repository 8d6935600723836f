package dev.peregrine.platform.boot;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code --support}: versions, the command line, the configuration text, the rules files and the system. */
final class SupportBundle {

    private SupportBundle() {
    }

    static String json(List<String> args, Optional<Path> configPath, List<Path> rulesFiles, String hostname)
            throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        root.put("cmdline", String.join(" ", args));
        root.put("config", configPath.isPresent() ? Files.readString(configPath.get()) : "");
        root.set("engine_info", json.readTree(VersionInfo.json(Map.of())));
        ArrayNode files = root.putArray("rules_files");
        for (Path file : rulesFiles) {
            ObjectNode entry = files.addObject();
            entry.put("name", file.toString());
            entry.putArray("variants").addObject().put("content", RulesFiles.read(file));
        }
        ObjectNode system = root.putObject("system_info");
        system.put("machine", System.getProperty("os.arch"));
        system.put("nodename", hostname);
        system.put("release", System.getProperty("os.version"));
        system.put("sysname", System.getProperty("os.name"));
        system.put("version", "");
        root.put("version", VersionInfo.PEREGRINE_VERSION);
        return json.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    }
}
