import Foundation
import Hummingbird
import OtklikApplication
import OtklikStore

extension OtklikApp {
    /// The `programmes` feed consumer (one server at a time, under its lease).
    var programmeConsumer: DurableFeedConsumer {
        ProgrammeRunner(database: database).consumer(lease: lease("feed-programmes", every: .seconds(1)), logger: logger)
    }

    /// The programmes' round: case triggers, due waits, auto-pause.
    var programmeRounds: ProgrammeRounds {
        ProgrammeRounds(runner: ProgrammeRunner(database: database), interval: .seconds(30), lease: lease("programmes", every: .seconds(30)), logger: logger)
    }

    /// `/api/v1/programmes` and the `/programmes` page.
    func addProgrammeRoutes(api: RouterGroup<AppRequestContext>, pages group: RouterGroup<AppRequestContext>, renderer: PageRenderer) {
        ProgrammeController(programmes: database.programmes).addRoutes(to: api)
        ProgrammesPageController(programmes: database.programmes, pages: renderer).addRoutes(to: group)
    }
}
