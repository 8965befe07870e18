package io.athanor.sample.shop;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.ByteArrayInputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The shop's API under hostile and malformed input, over HTTP: sort keys outside the whitelist, bodies
 * over the size limit (sent with a length or streamed), names that do not fit the column or that hold
 * control characters or broken Unicode, malformed JSON, out-of-range parameters, a request line or headers
 * over the server's limit. Every one is answered with a 4xx, never a 500, and none changes the data; a
 * request that reaches the application gets a JSON {@code ApiError}, while one whose request line or
 * headers exceed the server's limit (8 KB, Tomcat's default) gets the server's own 400 before it does. On an H2 database of
 * its own (and, through a subclass, on PostgreSQL), so that the demo data of {@link ShopApiTest} stays
 * as it expects.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.datasource.url=jdbc:h2:mem:hostile_shop;DB_CLOSE_DELAY=-1")
class HostileInputApiTest {

    private static final String SORT_RULE = "must be id, name or country, optionally preceded by '-' for descending order";
    private static final String UNREADABLE = "The request could not be read: send JSON of the documented shape and"
            + " numeric ids.";

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CustomerService service;

    record Answer(int status, String body) {
        <T> T json(String path) {
            return JsonPath.read(body, path);
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(30));
    }

    /** The status of every request sent through {@link #send}, counted for the figures printed at the end. */
    private static final Map<Integer, Integer> STATUSES = new ConcurrentSkipListMap<>();

    @AfterAll
    static void printFiguresAndCheckNoServerError() {
        int requests = STATUSES.values().stream().mapToInt(Integer::intValue).sum();
        System.out.printf("[hostile-api] %d requests sent (hostile, malformed, oversized and a few valid ones):"
                + " answers by status %s%n", requests, STATUSES);
        assertThat(STATUSES.keySet()).as("statuses answered").noneMatch(status -> status >= 500);
        STATUSES.clear();
    }

    private Answer send(HttpRequest request) throws Exception {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        STATUSES.merge(response.statusCode(), 1, Integer::sum);
        return new Answer(response.statusCode(), response.body());
    }

    private Answer get(String path) throws Exception {
        return send(request(path).GET().build());
    }

    private Answer post(String json) throws Exception {
        return send(request("/api/customers").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private Answer rename(long id, String json) throws Exception {
        return send(request("/api/customers/" + id + "/name").header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private long customers() {
        return jdbc.queryForObject("select count(*) from customers", Long.class);
    }

    private long anyCustomerId() {
        return jdbc.queryForObject("select min(id) from customers", Long.class);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------ sort keys

    @Test
    void aSortKeyOutsideTheWhitelistIsA400NamingTheParameter() throws Exception {
        List<String> hostile = List.of("name;drop table customers", "name desc", "NAME", "email", "-", "--name",
                "id,name", "name)", "country' --", "customers.name", "1");

        for (String key : hostile) {
            Answer answer = get("/api/customers?sort=" + encode(key));

            assertThat(answer.status()).as(key).isEqualTo(400);
            assertThat(answer.<String>json("$.message")).isEqualTo("A request parameter is invalid.");
            assertThat(answer.<String>json("$.fields.sort")).isEqualTo(SORT_RULE);
        }
        assertThat(customers()).isPositive();
    }

    @Test
    void aQueryStringOverTheServersLimitIsA400BeforeTheApplicationSeesIt() throws Exception {
        Answer answer = get("/api/customers?sort=" + "name".repeat(25_000));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(customers()).isPositive();
    }

    @Test
    void aHeaderOverTheServersLimitIsA400() throws Exception {
        Answer answer = send(request("/api/customers").header("X-Padding", "x".repeat(100_000)).GET().build());

        assertThat(answer.status()).isEqualTo(400);
    }

    @Test
    void everyWhitelistedSortKeyIsAccepted() throws Exception {
        for (String key : List.of("id", "-id", "name", "-name", "country", "-country")) {
            assertThat(get("/api/customers?sort=" + key).status()).as(key).isEqualTo(200);
        }
    }

    @Test
    void theRepositoryRefusesAnUnknownSortKeyEvenWithoutTheControllersCheck() {
        // A caller inside the application that skips the controller's validation gets no further.
        assertThatThrownBy(() -> service.list(null, 0, 10, "name; drop table customers", false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Unknown sort key 'name; drop table customers'; sort by one of [country, id, name].");
    }

    // ------------------------------------------------------------------ oversized bodies

    @Test
    void aTenMegabyteBodyIsA413BeforeItIsRead() throws Exception {
        long before = customers();

        // The client announces 10 MB and waits for "100 Continue" (Expect), as curl does for large bodies; the
        // server answers 413 at once and the body is never sent. (JDK 17's HttpClient hangs on a final answer to
        // Expect, hence the socket.)
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /api/customers HTTP/1.1\r\nHost: localhost\r\nContent-Type:"
                    + " application/json\r\nContent-Length: 10000000\r\nExpect: 100-continue\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readNBytes(400), StandardCharsets.UTF_8);

            assertThat(answer).startsWith("HTTP/1.1 413 ").contains("Content-Type: application/json")
                    .contains("{\"status\":413,\"error\":\"Content Too Large\",\"message\":\"The request body is larger"
                            + " than 65536 bytes.\",\"fields\":{}}");
        }
        assertThat(customers()).isEqualTo(before);
    }

    @Test
    void aStreamedBodyIsCutOffAtTheLimitWithA413() throws Exception {
        long before = customers();
        byte[] body = ("{\"name\": \"" + "x".repeat(1_000_000) + "\", \"country\": \"GB\"}").getBytes(StandardCharsets.UTF_8);

        // No Content-Length: the body is streamed in chunks and counted as it is read.
        Answer answer = send(request("/api/customers").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build());

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.<String>json("$.message")).isEqualTo("The request body is larger than 65536 bytes.");
        assertThat(customers()).isEqualTo(before);
    }

    @Test
    void fieldsTheApiIgnoresCannotSmuggleALargeBodyIn() throws Exception {
        long before = customers();
        // Before the limit, this was a 201: Jackson read 200 KB of an unknown field and dropped it.
        String body = "{\"name\": \"Junk Person\", \"country\": \"GB\", \"junk\": [" + "1,".repeat(100_000) + "1]}";

        assertThat(post(body).status()).isEqualTo(413);
        assertThat(customers()).isEqualTo(before);
    }

    // ------------------------------------------------------------------ names

    @Test
    void aNameLongerThanItsColumnIsA400() throws Exception {
        long before = customers();

        for (String name : List.of("x".repeat(51), "\ud83d\ude00".repeat(26))) {
            Answer answer = post("{\"name\": \"" + name + "\", \"country\": \"GB\"}");

            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.<String>json("$.fields.name")).isEqualTo("size must be between 0 and 50");
        }
        assertThat(customers()).isEqualTo(before);
    }

    @Test
    void aNameWithAControlCharacterIsA400() throws Exception {
        long before = customers();

        // NUL was stored on H2 and would have failed on PostgreSQL; a line break or C1 control has no place in a name.
        for (String escaped : List.of("a\\u0000b", "a\\nb", "a\\u0085b", "tab\\there")) {
            Answer answer = post("{\"name\": \"" + escaped + "\", \"country\": \"GB\"}");

            assertThat(answer.status()).as(escaped).isEqualTo(400);
            assertThat(answer.<String>json("$.fields.name")).isEqualTo("must not contain control characters");
        }
        assertThat(customers()).isEqualTo(before);
    }

    @Test
    void aNameCutInTheMiddleOfAnEmojiIsA400NotA500() throws Exception {
        long before = customers();

        // The JSON escape gives Java a lone surrogate; Athanor refuses it (ATH-E106) before writing. This was a 500.
        Answer created = post("{\"name\": \"Emoji \\ud83d\", \"country\": \"GB\"}");

        assertThat(created.status()).isEqualTo(400);
        assertThat(created.<String>json("$.message")).isEqualTo("A value in the request cannot be stored as given"
                + " (ATH-E106): check it for broken characters or values out of range.");
        assertThat(customers()).isEqualTo(before);
    }

    @Test
    void aRenameToABrokenNameIsA400AndKeepsTheOldName() throws Exception {
        long id = anyCustomerId();
        String name = get("/api/customers/" + id).json("$.name");

        // The rename is flushed when the transaction commits, outside the repository: the same refusal, the same 400.
        Answer answer = rename(id, "{\"name\": \"\\ude00 broken\"}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.<String>json("$.message")).startsWith("A value in the request cannot be stored as given (ATH-E106)");
        assertThat(get("/api/customers/" + id).<String>json("$.name")).isEqualTo(name);
    }

    // ------------------------------------------------------------------ malformed requests

    @Test
    void malformedJsonIsA400() throws Exception {
        long before = customers();
        List<String> bodies = List.of("not json", "", "[]", "null", "{\"name\": \"A", "{\"name\": {\"x\": 1}, \"country\": \"GB\"}",
                "{\"name\": " + "[".repeat(5_000) + "]".repeat(5_000) + ", \"country\": \"GB\"}");

        for (String body : bodies) {
            Answer answer = post(body);

            assertThat(answer.status()).as(body.length() > 40 ? body.substring(0, 40) : body).isEqualTo(400);
            assertThat(answer.<String>json("$.message")).isEqualTo(UNREADABLE);
        }
        assertThat(customers()).isEqualTo(before);
    }

    @Test
    void invalidUtf8IsA400() throws Exception {
        byte[] body = {'{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};

        Answer answer = send(request("/api/customers").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.<String>json("$.message")).isEqualTo(UNREADABLE);
    }

    @Test
    void aBodyThatIsNotJsonIsA415WithAJsonError() throws Exception {
        Answer answer = send(request("/api/customers").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"A\", \"country\": \"GB\"}")).build());

        assertThat(answer.status()).isEqualTo(415);
        assertThat(answer.<String>json("$.message")).isEqualTo("Send the request body as application/json.");
    }

    @Test
    void anUnsupportedMethodIsA405WithAJsonError() throws Exception {
        Answer answer = send(request("/api/customers").DELETE().build());

        assertThat(answer.status()).isEqualTo(405);
        assertThat(answer.<String>json("$.message")).isEqualTo("This resource does not accept DELETE.");
    }

    @Test
    void parametersOutOfRangeOrOfTheWrongTypeAreA400() throws Exception {
        List<String> paths = List.of("/api/customers?page=-1", "/api/customers?size=0", "/api/customers?size=101",
                "/api/customers?page=99999999999", "/api/customers?country=gb",
                "/api/customers?country=" + encode("GB' OR '1'='1"), "/api/customers/99999999999999999999",
                "/api/customers/1%20or%201=1");

        for (String path : paths) {
            assertThat(get(path).status()).as(path).isEqualTo(400);
        }
    }

    @Test
    void theLastPageNumberIsAnEmptyPageNotAnOverflow() throws Exception {
        // page * size is computed as a long: 2147483647 * 100 would overflow an int.
        Answer answer = get("/api/customers?page=2147483647&size=100");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.<List<Object>>json("$.items")).isEmpty();
    }
}
