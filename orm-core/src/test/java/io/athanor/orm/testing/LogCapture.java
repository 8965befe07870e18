package io.athanor.orm.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.stream.Collectors;

/** Captures what one logger writes during a test, at a chosen level. Close it to restore the logger. */
public final class LogCapture implements AutoCloseable {

    private final Logger logger;
    private final Level previousLevel;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private LogCapture(String loggerName, Level level) {
        this.logger = (Logger) LoggerFactory.getLogger(loggerName);
        this.previousLevel = logger.getLevel();
        logger.setLevel(level);
        appender.start();
        logger.addAppender(appender);
    }

    /**
     * Captures the SQL logger {@code io.athanor.orm.engine} at the given level.
     *
     * @param level the lowest level captured
     * @return the capture
     */
    public static LogCapture engineLog(Level level) {
        return new LogCapture("io.athanor.orm.engine", level);
    }

    /** The formatted messages, in order. */
    public List<String> messages() {
        return appender.list.stream().map(ILoggingEvent::getFormattedMessage).collect(Collectors.toList());
    }

    /** The messages at the given level. */
    public List<String> messages(Level level) {
        return appender.list.stream().filter(event -> event.getLevel() == level)
                .map(ILoggingEvent::getFormattedMessage).collect(Collectors.toList());
    }

    /** The first line of each message: the SQL without its parameters. */
    public List<String> statements() {
        return messages().stream().map(message -> message.split("\n", 2)[0]).collect(Collectors.toList());
    }

    /** Forgets what was captured so far. */
    public void clear() {
        appender.list.clear();
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        logger.setLevel(previousLevel);
    }
}
