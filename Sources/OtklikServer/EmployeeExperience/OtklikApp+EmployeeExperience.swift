import Foundation
import Hummingbird
import OtklikApplication
import OtklikStore

extension OtklikApp {
    /// Employee experience (issue 20 item 5): `/api/v1/attrition`, `/api/v1/pulse-surveys`, the `/employee-experience` page (the staff's answer form,
    /// `/pulse/{token}`, is public and added beside the other public pages).
    func addEmployeeExperienceRoutes(api: RouterGroup<AppRequestContext>, pages group: RouterGroup<AppRequestContext>, renderer: PageRenderer) {
        AttritionController(reference: database.reference).addRoutes(to: api)
        PulseSurveyController(repository: database.pulseSurveys, publicURL: configuration.publicURL).addRoutes(to: api)
        EmployeeExperiencePageController(reference: database.reference, pulse: database.pulseSurveys, pages: renderer, publicURL: configuration.publicURL)
            .addRoutes(to: group)
    }
}
