package lab.mnist.train;

import java.nio.file.Path;

import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.core.FileAppender;

/** Copies the log of a run into its folder ({@code run.log}), appending on resume. */
final class RunLog {
    private static final String NAME = "run-folder";

    private RunLog() {
    }

    static void attach(Path file) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level %logger{0} - %msg%n");
        encoder.start();
        FileAppender<ch.qos.logback.classic.spi.ILoggingEvent> appender = new FileAppender<>();
        appender.setContext(context);
        appender.setName(NAME);
        appender.setFile(file.toString());
        appender.setAppend(true);
        appender.setEncoder(encoder);
        appender.start();
        root(context).addAppender(appender);
    }

    static void detach() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        var appender = root(context).getAppender(NAME);
        if (appender != null) {
            root(context).detachAppender(appender);
            appender.stop();
        }
    }

    private static Logger root(LoggerContext context) {
        return context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
