package io.athanor.sample.shop;

import io.athanor.orm.engine.Engine;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The shop's REST API over HTTP, on embedded H2 (and, through a subclass, on PostgreSQL). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"athanor.session.n-plus-one-threshold=3", "athanor.session.n-plus-one-raise=true"})
class ShopApiTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Engine engine;

    /** application.yml turns leak detection on for the embedded development run; the postgres profile off. */
    boolean leakDetectionExpected() {
        return true;
    }

    record Answer(int status, String body) {
        <T> T json(String path) {
            return JsonPath.read(body, path);
        }
    }

    Answer call(String method, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json");
        request.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body());
    }

    private long customers() {
        return jdbc.queryForObject("select count(*) from customers", Long.class);
    }

    @Test
    void listsTheDemoCustomersInPages() throws Exception {
        Answer first = call("GET", "/api/customers?size=2&sort=name", null);

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.<List<String>>json("$.items[*].name")).containsExactly("Ed Jones", "Fred Flintstone");
        assertThat(first.<Integer>json("$.total")).isEqualTo((int) customers());
        Answer second = call("GET", "/api/customers?size=2&page=1&sort=name", null);
        assertThat(second.<List<String>>json("$.items[*].name")).containsExactly("Mary Contrary", "Wendy Williams");
    }

    @Test
    void filtersByCountry() throws Exception {
        Answer answer = call("GET", "/api/customers?country=GB&sort=-name", null);

        assertThat(answer.<List<String>>json("$.items[*].name")).containsExactly("Wendy Williams", "Ed Jones");
        assertThat(answer.<Integer>json("$.total")).isEqualTo(2);
    }

    @Test
    void createsRenamesAndDeletesACustomer() throws Exception {
        Answer created = call("POST", "/api/customers", "{\"name\": \"Barney Rubble\", \"country\": \"US\"}");
        assertThat(created.status()).isEqualTo(201);
        int id = created.json("$.id");

        Answer renamed = call("PUT", "/api/customers/" + id + "/name", "{\"name\": \"Barney R.\"}");
        assertThat(renamed.status()).isEqualTo(200);
        assertThat(call("GET", "/api/customers/" + id, null).<String>json("$.name")).isEqualTo("Barney R.");

        assertThat(call("DELETE", "/api/customers/" + id, null).status()).isEqualTo(204);
        assertThat(call("GET", "/api/customers/" + id, null).status()).isEqualTo(404);
    }

    @Test
    void reportsOrdersPerCountry() throws Exception {
        Answer report = call("GET", "/api/reports/orders-per-country", null);

        assertThat(report.status()).isEqualTo(200);
        assertThat(report.<List<String>>json("$[*].country")).containsExactly("FR", "GB");
        assertThat(report.<List<Integer>>json("$[*].orders")).containsExactly(1, 3);
        assertThat(report.<List<Double>>json("$[*].total")).containsExactly(7.25, 67.49);
    }

    @Test
    void listsACustomersOrdersWithTheirLines() throws Exception {
        Answer orders = call("GET", "/api/customers/1/orders", null);

        assertThat(orders.status()).isEqualTo(200);
        assertThat(orders.<List<Double>>json("$[*].amount")).containsExactly(19.99, 5.0);
        assertThat(orders.<List<String>>json("$[*].lines[*].product")).containsExactly("Teapot", "Tea, 100 g");
        assertThat(orders.<List<Integer>>json("$[1].lines[*].quantity")).containsExactly(2);
    }

    @Test
    void anUnknownIdIsA404WithAJsonBody() throws Exception {
        Answer answer = call("GET", "/api/customers/999999", null);

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.<String>json("$.message")).isEqualTo("Customer 999999 does not exist.");
        assertThat(call("PUT", "/api/customers/999999/name", "{\"name\": \"X\"}").status()).isEqualTo(404);
        assertThat(call("DELETE", "/api/customers/999999", null).status()).isEqualTo(404);
    }

    @Test
    void anInvalidBodyIsA400NamingTheFieldsAndChangesNothing() throws Exception {
        long before = customers();
        Answer answer = call("POST", "/api/customers", "{\"name\": \"\", \"country\": \"Britain\"}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.<String>json("$.fields.name")).isEqualTo("must not be blank");
        assertThat(answer.<String>json("$.fields.country")).isEqualTo("must be a two-letter country code such as GB");
        assertThat(call("POST", "/api/customers", "not json").status()).isEqualTo(400);
        assertThat(call("POST", "/api/customers", "{\"name\": \"" + "x".repeat(51) + "\", \"country\": \"GB\"}").status())
                .isEqualTo(400);
        assertThat(customers()).isEqualTo(before);
    }

    @Test
    void aDuplicateNameIsA409AndChangesNothing() throws Exception {
        long before = customers();
        Answer answer = call("POST", "/api/customers", "{\"name\": \"Ed Jones\", \"country\": \"GB\"}");

        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.<String>json("$.error")).isEqualTo("Conflict");
        assertThat(customers()).isEqualTo(before);
        Answer rename = call("PUT", "/api/customers/2/name", "{\"name\": \"Ed Jones\"}");
        assertThat(rename.status()).isEqualTo(409);
        assertThat(call("GET", "/api/customers/2", null).<String>json("$.name")).isEqualTo("Wendy Williams");
    }

    @Test
    void badParametersAreA400() throws Exception {
        assertThat(call("GET", "/api/customers?sort=name%3Bdrop%20table%20customers", null).status()).isEqualTo(400);
        assertThat(call("GET", "/api/customers?size=0", null).status()).isEqualTo(400);
        assertThat(call("GET", "/api/customers/abc", null).status()).isEqualTo(400);
        assertThat(customers()).isPositive();
    }

    @Test
    void leakDetectionIsOnForEmbeddedDevelopmentAndOffInTheProductionLikeProfile() {
        assertThat(engine.detectsLeaks()).isEqualTo(leakDetectionExpected());
    }
}
