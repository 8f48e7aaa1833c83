// Page breaking for the PDF renderer, free of any drawing: given each block's measured rows it decides
// which rows go on which page, repeating table headers, keeping headings with what follows them and
// avoiding single orphan or widow lines.

/// Vertical measurements of one block, in points.
struct BlockMetrics: Equatable {
    /// Gap above the block, dropped at the top of a page.
    var spaceBefore: Double
    /// Height of a header drawn above the rows on every page the block spans (table header), or 0.
    var headerHeight: Double
    /// Heights of the rows (text lines, table rows); a block breaks only between rows.
    var rowHeights: [Double]
    /// Whether the block must share a page with the start of the next block (headings, captions).
    var keepWithNext: Bool
    /// Fewest rows left alone at the bottom or top of a page (2 avoids orphan and widow lines).
    var minimumRowsTogether: Int

    /// A block that never breaks (figure, heading, verdict box).
    static func unbreakable(height: Double, spaceBefore: Double, keepWithNext: Bool = false) -> BlockMetrics {
        BlockMetrics(spaceBefore: spaceBefore, headerHeight: 0, rowHeights: [height],
                     keepWithNext: keepWithNext, minimumRowsTogether: 1)
    }
}

/// Where a run of a block's rows sits on a page.
struct BlockPlacement: Equatable {
    /// Index of the block in the paginated sequence.
    let block: Int
    /// The block's rows on this page.
    let rows: Range<Int>
    /// Distance from the top of the page's text area to the top of the header (or first row), in points.
    let top: Double
    /// Whether this run continues the block from an earlier page.
    let isContinuation: Bool
}

/// The result of page breaking: placements per page, pages in order.
struct Pagination: Equatable {
    /// `pages[p]` holds the placements on page p (0-based), top to bottom.
    let pages: [[BlockPlacement]]

    /// The first placement of `block`: its 0-based page index and top offset.
    func firstPlacement(ofBlock block: Int) -> (page: Int, top: Double)? {
        for (pageIndex, placements) in pages.enumerated() {
            if let placement = placements.first(where: { $0.block == block }) {
                return (pageIndex, placement.top)
            }
        }
        return nil
    }
}

/// Breaks a sequence of blocks into pages of a fixed text-area height.
struct Paginator {
    /// Height of the text area of a page, in points.
    let pageHeight: Double

    /// Places every row of every block. A row taller than a page gets a page of its own.
    func paginate(_ blocks: [BlockMetrics]) -> Pagination {
        var pages: [[BlockPlacement]] = [[]]
        var cursor = 0.0

        func startPage() {
            if !(pages.last?.isEmpty ?? true) { pages.append([]) }
            cursor = 0
        }

        for (index, block) in blocks.enumerated() {
            if cursor > 0 && cursor + leadHeight(of: index, in: blocks) > pageHeight {
                startPage()
            }
            var row = 0
            var isContinuation = false
            repeat {
                let top = cursor + (cursor > 0 && !isContinuation ? block.spaceBefore : 0)
                let available = pageHeight - top - block.headerHeight
                var end = row
                var used = 0.0
                while end < block.rowHeights.count && used + block.rowHeights[end] <= available {
                    used += block.rowHeights[end]
                    end += 1
                }
                let wanted = min(block.minimumRowsTogether, block.rowHeights.count - row)
                if end - row < wanted && cursor > 0 {
                    startPage()
                    continue
                }
                if end == row && !block.rowHeights.isEmpty {
                    end = row + 1
                }
                let remaining = block.rowHeights.count - end
                if remaining > 0 && remaining < block.minimumRowsTogether {
                    let movable = (end - row) - block.minimumRowsTogether
                    end -= max(0, min(block.minimumRowsTogether - remaining, movable))
                }
                used = block.rowHeights[row..<end].reduce(0, +)
                pages[pages.count - 1].append(BlockPlacement(block: index, rows: row..<end, top: top,
                                                             isContinuation: isContinuation))
                cursor = top + block.headerHeight + used
                row = end
                if row < block.rowHeights.count {
                    startPage()
                    isContinuation = true
                }
            } while row < block.rowHeights.count
        }
        return Pagination(pages: pages)
    }

    /// The height that must fit on the current page before block `index` starts there: its space,
    /// header and first rows, plus the same for following blocks while `keepWithNext` holds. A chain
    /// taller than a page is cut back to the block's own lead.
    private func leadHeight(of index: Int, in blocks: [BlockMetrics]) -> Double {
        func ownLead(_ block: BlockMetrics, includingSpace: Bool) -> Double {
            let rows = block.rowHeights.prefix(block.minimumRowsTogether).reduce(0, +)
            return (includingSpace ? block.spaceBefore : 0) + block.headerHeight + rows
        }
        let own = ownLead(blocks[index], includingSpace: true)
        var total = own
        var next = index
        while blocks[next].keepWithNext && next + 1 < blocks.count {
            next += 1
            total += ownLead(blocks[next], includingSpace: true)
        }
        return total > pageHeight ? own : total
    }
}
