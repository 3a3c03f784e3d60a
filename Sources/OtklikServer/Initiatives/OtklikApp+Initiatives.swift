import Foundation
import Hummingbird
import OtklikStore

extension OtklikApp {
    /// The initiative register on this server: its store, the reference and the analytics engine that measures effects.
    public var initiatives: InitiativeBoardHandle {
        InitiativeBoardHandle(board: InitiativeBoard(
            repository: SQLInitiativeRepository(database: database.sql), reference: database.reference,
            evaluator: InitiativeEvaluator(analytics: analytics, minimumN: configuration.minimumN)))
    }

    /// `/api/v1/initiatives` and the `/initiatives` pages.
    func addInitiativeRoutes(api: RouterGroup<AppRequestContext>, pages group: RouterGroup<AppRequestContext>, renderer: PageRenderer) {
        let board = initiatives.board
        InitiativeController(board: board, timeZone: analytics.timeZone).addRoutes(to: api)
        InitiativesPageController(board: board, problems: database.problems, texts: database.texts, pages: renderer, timeZone: analytics.timeZone)
            .addRoutes(to: group)
    }
}

/// The register as the CLI and tests reach it.
public struct InitiativeBoardHandle: Sendable {
    let board: InitiativeBoard
    public var repository: any InitiativeRepository { board.repository }
}
