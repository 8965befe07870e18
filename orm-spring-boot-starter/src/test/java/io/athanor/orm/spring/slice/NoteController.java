package io.athanor.orm.spring.slice;

import org.springframework.stereotype.Component;

/** A component the @OrmTest slice leaves out. */
@Component
public class NoteController {
}
