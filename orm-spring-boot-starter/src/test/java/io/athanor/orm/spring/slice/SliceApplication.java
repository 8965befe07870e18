package io.athanor.orm.spring.slice;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** An application for the @OrmTest slice test. */
@SpringBootApplication
public class SliceApplication {
}
