// Plotting's charts are report figures: `Figure` already draws itself as SVG and into a Cairo
// context at any size, which is all a report needs.
import Plotting

extension Figure: ReportFigure {}
