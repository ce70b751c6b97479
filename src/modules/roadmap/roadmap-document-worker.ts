// The worker pool's tasks that write the roadmap document (its timeline pictures and tables take seconds of CPU on a
// large roadmap). The data was read on the main thread; here it is only written.
import { type RoadmapDocumentInput, roadmapDocumentDataOf, roadmapDocx, roadmapPdf } from './roadmap-document.ts';

export const tasks = {
  docx: (input: RoadmapDocumentInput) => roadmapDocx(roadmapDocumentDataOf(input)),
  pdf: (input: RoadmapDocumentInput) => roadmapPdf(roadmapDocumentDataOf(input)),
};
