// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QColor>
#include <QIcon>
#include <QPalette>

namespace ShimScope
{

/**
 * The one colour scheme for containers, shared by the tree, the container list, the timeline, the bookmarks and the
 * legend. The core stores a stable colour index per container (containers.colour_index); this maps it to a colour.
 *
 * Colours come from the Okabe–Ito and Paul Tol "muted" schemes, chosen to stay apart for the common colour-vision
 * deficiencies; rows are tinted (blended into the view's base colour) so text stays readable in light and dark
 * themes. Host processes stay neutral (index -1).
 */
namespace ContainerPalette
{
int size();
/// The saturated colour of a container (chips, chart series, legend). Index -1 (host) is a neutral grey.
QColor colour(int index);
/// A row background for a container's processes in a view with this palette.
QColor rowTint(int index, const QPalette& palette);
/// A small filled square for a container, or an outlined one for the host.
QIcon chip(int index, int extent = 12);
/// Whether the palette is dark (text lighter than base).
bool isDark(const QPalette& palette);
} // namespace ContainerPalette

} // namespace ShimScope
