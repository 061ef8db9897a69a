package com.aftersales.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An embedded PostgreSQL server found through its data directory ({@code select current_setting('data_directory')}),
 * stopped fast and started again with its exact command line: a database outage for DatabaseOutageTest and
 * PackagedJvmScaleOutIT.
 */
public record EmbeddedPostgresServer(Path dataDir, List<String> command) {

    public static EmbeddedPostgresServer of(Path dataDir) throws IOException {
        // postmaster.opts holds the server's exact command line, quoted: what was started is started again.
        String opts = Files.readString(dataDir.resolve("postmaster.opts"), StandardCharsets.UTF_8).strip();
        List<String> command = new ArrayList<>();
        Matcher m = Pattern.compile("\"([^\"]*)\"|(\\S+)").matcher(opts);
        while (m.find()) {
            command.add(m.group(1) != null ? m.group(1) : m.group(2));
        }
        return new EmbeddedPostgresServer(dataDir, command);
    }

    long pid() throws IOException {
        return Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).strip());
    }

    /** Fast shutdown (SIGINT): open sessions are ended, as when an instance fails over. */
    public void stop() throws Exception {
        long pid = pid();
        new ProcessBuilder("kill", "-INT", Long.toString(pid)).inheritIO().start().waitFor();
        ProcessHandle handle = ProcessHandle.of(pid).orElseThrow();
        handle.onExit().get(30, TimeUnit.SECONDS);
    }

    public void start() throws Exception {
        List<String> line = new ArrayList<>(command);
        if ("root".equals(System.getProperty("user.name"))) {
            // As zonky's launcher does: PostgreSQL refuses to run as root, but runs in a user namespace.
            line.addAll(0, List.of("unshare", "-U"));
        }
        new ProcessBuilder(line).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("restarted.log").toFile())).start();
        for (int i = 0; i < 300 && !Files.exists(dataDir.resolve("postmaster.pid")); i++) {
            Thread.sleep(100);
        }
    }
}
