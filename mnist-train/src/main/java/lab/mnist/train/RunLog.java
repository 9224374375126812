package lab.mnist.train;

import java.nio.file.Path;

import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.core.FileAppender;

/** Copies the log of a run (or a sweep) into its folder ({@code run.log}), appending on resume. */
public final class RunLog {
    private static final String NAME = "run-folder";

    private RunLog() {
    }

    static void attach(Path file) {
        attach(file, NAME);
    }

    static void detach() {
        detach(NAME);
    }

    /** Adds a file appender under {@code name}, one per kind of folder (a sweep's log holds its trials' too). */
    public static void attach(Path file, String name) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level %logger{0} - %msg%n");
        encoder.start();
        FileAppender<ch.qos.logback.classic.spi.ILoggingEvent> appender = new FileAppender<>();
        appender.setContext(context);
        appender.setName(name);
        appender.setFile(file.toString());
        appender.setAppend(true);
        appender.setEncoder(encoder);
        appender.start();
        root(context).addAppender(appender);
    }

    public static void detach(String name) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        var appender = root(context).getAppender(name);
        if (appender != null) {
            root(context).detachAppender(appender);
            appender.stop();
        }
    }

    private static Logger root(LoggerContext context) {
        return context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
