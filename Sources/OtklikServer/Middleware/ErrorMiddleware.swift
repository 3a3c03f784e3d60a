import Foundation
import Hummingbird
import Logging
import NIOCore
import OtklikCore

/// Turns every error into a clear answer: `{"error": {"code", "message", "field"}}` for the API,
/// a page for the browser. Internal failures are logged with detail and answered without it.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let pages: PageRenderer
    /// Reads the session again for an error page: the session read by the routes' middleware stays in their context,
    /// so without it a signed-in user's 403 or 404 page would show no navigation.
    var session: SessionMiddleware?

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let (status, body) = Self.describe(error, logger: context.logger)
            if !Self.wantsHTML(request) {
                return JSONResponse.make(status, ["error": body])
            }
            var context = context
            if context.user == nil, let session { try? await session.attach(request, to: &context) }
            return pages.errorPage(status: status, body: body, request: request, context: context)
        }
    }

    /// The resource key of a refusal by the input layer (a forged or cross-origin form, a body too large), whose page
    /// text says what to do; nil for other errors.
    static func inputLayerKey(_ body: ErrorBody) -> String? {
        body.code == "payload_too_large" ? "input_too_large"
            : body.code == "forbidden" && body.field == CSRFToken.field ? "input_csrf_refused"
            : body.code == "forbidden" && body.field == "origin" ? "input_cross_origin_refused" : nil
    }

    /// Paths whose clients are programs: their errors are JSON whatever the Accept header says.
    static let machinePaths = ["/api/", "/public/v1/", "/device/v1/", "/health", "/metrics", "/openapi"]

    /// A page's error is a page: HTML unless the path belongs to a program's interface or the client asks for
    /// JSON and not HTML (`?status=all` in the browser got a JSON 422).
    static func wantsHTML(_ request: Request) -> Bool {
        if machinePaths.contains(where: request.uri.path.hasPrefix) { return false }
        let accept = request.headers[.accept] ?? ""
        return accept.contains("text/html") || !accept.contains("json")
    }

    static func describe(_ error: any Error, logger: Logger) -> (HTTPResponse.Status, ErrorBody) {
        switch error {
        case let error as OtklikError:
            if error.code == .internal { logger.error("internal error", metadata: ["error": "\(error)"]) }
            return (status(error.code), ErrorBody(code: error.code.rawValue, message: error.message, field: error.field))
        case let error as HTTPError:
            let code = error.status == .notFound ? "not_found" : error.status == .contentTooLarge ? "payload_too_large"
                : error.status.code < 500 ? "invalid_input" : "internal"
            return (error.status, ErrorBody(code: code, message: error.body ?? error.status.reasonPhrase, field: nil))
        case is NIOTooManyBytesError:
            // A body over a route's limit (`collect(upTo:)`), on every route, signed in or not.
            return (.contentTooLarge, ErrorBody(code: "payload_too_large", message: "the request body is larger than this route accepts", field: "body"))
        case let error as DecodingError:
            return (.badRequest, ErrorBody(code: "invalid_input", message: "malformed JSON: \(describe(error))", field: field(of: error)))
        default:
            logger.error("unhandled error", metadata: ["error": "\(SecretRedaction(limit: 2_000).redact(String(reflecting: error)))"])
            return (.internalServerError, ErrorBody(code: "internal", message: "internal error; see the server log", field: nil))
        }
    }

    static func status(_ code: OtklikError.Code) -> HTTPResponse.Status {
        switch code {
        case .invalidInput: .unprocessableContent
        case .notFound: .notFound
        case .conflict: .conflict
        case .unauthorized: .unauthorized
        case .forbidden: .forbidden
        case .payloadTooLarge: .contentTooLarge
        case .tooManyRequests: .tooManyRequests
        case .unavailable: .serviceUnavailable
        case .internal: .internalServerError
        }
    }

    static func field(of error: DecodingError) -> String? {
        let path: [any CodingKey]
        switch error {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context): path = context.codingPath
        case .keyNotFound(let key, let context): path = context.codingPath + [key]
        @unknown default: return nil
        }
        guard !path.isEmpty else { return nil }
        return path.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().trimmingCharacters(in: ["."])
            .replacingOccurrences(of: ".[", with: "[")
    }

    static func describe(_ error: DecodingError) -> String {
        switch error {
        case .typeMismatch(let type, _): "wrong type, expected \(type)"
        case .valueNotFound(let type, _): "missing value, expected \(type)"
        case .keyNotFound(let key, _): "missing field \(key.stringValue)"
        case .dataCorrupted(let context): context.debugDescription
        @unknown default: "cannot decode"
        }
    }
}

/// The body of an error answer.
struct ErrorBody: Codable, Sendable {
    var code: String
    var message: String
    var field: String?
}
