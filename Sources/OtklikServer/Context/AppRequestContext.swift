import Foundation
import Hummingbird
import NIOCore
import OtklikCore
import OtklikStore

/// Per-request state: who is calling (an API key or a logged-in user) and in which language to answer.
public struct AppRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The API key that authenticated this request, for `/api/v1`.
    public var apiKey: ApiKey?
    /// The dashboard user of this request's session.
    public var user: User?
    /// What the caller (``user`` or ``apiKey``) may do and where, resolved by ``PrincipalResolver``.
    public var principal: Principal?
    /// The names of a scoped user's locations, for the line under the navigation; nil for the whole organisation.
    public var scopeNote: String?
    /// The signed-in user's unread notifications, for the navigation.
    public var unreadNotifications: Int?
    /// The session token from the cookie, kept for logout.
    public var sessionToken: String?
    /// The connected peer (the proxy's address when behind one), for per-client limits on public forms.
    public let remoteAddress: SocketAddress?

    public init(source: Source) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// The largest request body any route reads; a larger one is answered 413.
    public var maxUploadSize: Int { 8 * 1024 * 1024 }

    /// The API's one JSON decoder (ISO-8601 dates), used by Hummingbird's `request.decode` and by ``JSONBody``.
    public var requestDecoder: JSONDecoder { APICoding.decoder }
    /// The API's one JSON encoder (ISO-8601 dates), used for every `ResponseEncodable` answer and by ``JSONResponse``.
    public var responseEncoder: JSONEncoder { APICoding.encoder }
}
