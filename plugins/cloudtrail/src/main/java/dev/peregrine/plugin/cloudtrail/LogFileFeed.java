package dev.peregrine.plugin.cloudtrail;

import dev.peregrine.api.PluginException;
import java.util.List;

/** Supplies more log files once the known ones are consumed (SQS mode); finite inputs have none. */
@FunctionalInterface
interface LogFileFeed {

    /** A feed for inputs whose file list is complete at open. */
    LogFileFeed FINISHED = () -> null;

    /**
     * The next files to read.
     *
     * @return new files, an empty list when none are available right now, or null when the input
     *         is finished
     */
    List<LogFile> more() throws PluginException;
}
