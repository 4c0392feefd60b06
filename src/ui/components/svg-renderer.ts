import * as echarts from 'echarts/core';
import { GraphicComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

// Imported by the screens that print (the report), which are loaded on demand: vector charts
// print crisply at any resolution, and the start-up bundle does not carry the SVG renderer.
// The graphic component writes the Kraljic quadrant names into the printed matrix.
echarts.use([SVGRenderer, GraphicComponent]);
