package io.migrator.cli;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;

import io.migrator.core.LockStrategy;

/**
 * Every option as given on the command line, before and after the command name
 * combined, before the environment fallbacks ({@link CliSettings} applies those).
 */
final class GlobalOptions {

	String url;

	String user;

	String password;

	String table;

	String schema;

	LockStrategy lock;

	final List<String> dirs = new ArrayList<>();

	final List<String> classpath = new ArrayList<>();

	boolean allowOutOfOrder;

	boolean ignoreMissing;

	boolean removeHistoryRowWhenNoDown;

	Charset encoding;

	boolean json;

	boolean quiet;

	boolean verbose;

	String env;

}
