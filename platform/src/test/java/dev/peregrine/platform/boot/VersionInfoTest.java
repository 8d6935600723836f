package dev.peregrine.platform.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class VersionInfoTest {

    @Test
    void driverVersionsAreThoseOfTheEventTableWeImplement() throws Exception {
        String shared = System.getProperty("peregrine.shared");
        Path table = shared == null ? null : Path.of(shared, "spec", "event-table.json");
        assumeTrue(table != null && Files.isRegularFile(table),
                "shared specs (-Dperegrine.shared) not found; skipping the event-table version check");
        JsonNode source = new ObjectMapper().readTree(table.toFile()).path("generated_from");
        assertEquals(source.path("api_version").asText(), VersionInfo.DRIVER_API_VERSION);
        assertEquals(source.path("schema_version").asText(), VersionInfo.DRIVER_SCHEMA_VERSION);
    }
}
