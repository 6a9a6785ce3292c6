/// The OpenAPI 3 document served at `/openapi.json`.
enum OpenAPIDocument {
    static let text = "{}"
}
