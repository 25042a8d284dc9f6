package dev.chaosmonkey.experiment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.chaosmonkey.experiment.internal.ExperimentYaml;

/**
 * Reads experiment files (YAML; the format is documented in {@code docs/experiments.md}). Every error is an
 * {@link ExperimentFileException} naming the file, line and column; a definition is returned only when the whole
 * file is valid.
 */
public final class ExperimentFile {
    /** Files larger than this are refused (an experiment is a page, not a data set). */
    public static final int MAX_CHARS = 256 * 1024;

    private ExperimentFile() {
    }

    /** Reads and validates {@code file}. */
    public static ExperimentDefinition read(Path file) {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        String text;
        try {
            if (Files.size(file) > MAX_CHARS) {
                throw new ExperimentFileException(name, 0, 0, "file is larger than " + MAX_CHARS + " bytes");
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.charset.MalformedInputException e) {
            throw new ExperimentFileException(name, 0, 0, "file is not UTF-8 text");
        } catch (IOException e) {
            throw new ExperimentFileException(name, 0, 0, "cannot read the file: " + e);
        }
        return parse(text, name);
    }

    /** Parses and validates experiment text; {@code source} names it in errors. */
    public static ExperimentDefinition parse(String text, String source) {
        if (text.length() > MAX_CHARS) {
            throw new ExperimentFileException(source, 0, 0, "text is longer than " + MAX_CHARS + " characters");
        }
        return new ExperimentYaml(source).read(text);
    }
}
