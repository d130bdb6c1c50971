export * from './common.ts';
export * from './site.ts';
export * from './timeline.ts';
export * from './disruption.ts';
export * from './geojson.ts';
export * from './meeting.ts';
export * from './story.ts';
export * from './project.ts';
