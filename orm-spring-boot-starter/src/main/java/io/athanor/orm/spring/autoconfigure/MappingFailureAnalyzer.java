package io.athanor.orm.spring.autoconfigure;

import io.athanor.orm.MappingException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports a bad mapping, or a scan package without mapped classes, as a "Description / Action" report
 * naming the class and field (or the property) to fix.
 */
class MappingFailureAnalyzer extends AbstractFailureAnalyzer<MappingException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MappingException cause) {
        String message = cause.getMessage();
        if ("ATH-E058".equals(cause.code())) {
            return new FailureAnalysis("Athanor found no mapped classes where it was told to look:\n\n    " + message,
                    "Correct 'athanor.scan-packages' (or @EntityScan) so that it names the package of your @Table"
                            + " classes; sub-packages are included.", cause);
        }
        return new FailureAnalysis("Athanor could not map the application's classes:\n\n    " + message,
                "Fix the mapping of the class and field named above; docs/errors.md#" + cause.code()
                        + " explains this error.", cause);
    }
}
