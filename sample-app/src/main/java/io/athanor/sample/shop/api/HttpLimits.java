package io.athanor.sample.shop.api;

import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** How the embedded Tomcat treats request bodies, for {@link RequestBodyLimitFilter}. */
@Configuration(proxyBeanMethods = false)
class HttpLimits {

    /**
     * Answers "Expect: 100-continue" only once the application reads the body. Tomcat's default answers at
     * once, so a client about to send 10 MB started sending it before it could hear the 413 of
     * {@link RequestBodyLimitFilter}, and the connection was reset under it.
     */
    @Bean
    TomcatConnectorCustomizer continueWhenTheBodyIsRead() {
        return connector -> connector.setProperty("continueResponseTiming", "onRead");
    }
}
