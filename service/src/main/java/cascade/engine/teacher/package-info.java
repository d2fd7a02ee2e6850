/**
 * Teachers: the planted hierarchical and three-level targets, SIGHT, and uploaded datasets, each
 * drawing rows from counter-based streams so sweeps are nested; and the descriptors of the teacher
 * kinds (parameters, parsing, catalog, factory). The records stay in {@code spec} under the
 * sealed {@code TeacherSpec}.
 */
@NullMarked
package cascade.engine.teacher;

import org.jspecify.annotations.NullMarked;
