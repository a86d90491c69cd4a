import { section, type ViewContext, type ViewResult } from '../components.ts';
import { h } from '../dom.ts';
import type { ProductContextAnswer } from '../types.ts';

/** The product context the labeling loop uses: what each behaviour means, and its hash. */
export async function context(ctx: ViewContext): Promise<ViewResult> {
  const c = await ctx.api.get<ProductContextAnswer>('context');
  return {
    title: 'Context',
    nodes: [
      section(
        'Product context',
        h(
          'dl',
          { class: 'facts' },
          h('dt', null, 'Source'),
          h(
            'dd',
            null,
            c.source === 'project' ? 'set for this project' : 'the default (the project has set none)',
          ),
          h('dt', null, 'Version'),
          h('dd', null, c.version),
          h('dt', null, 'Hash'),
          h('dd', { class: 'mono', 'data-testid': 'context-hash' }, c.hash),
        ),
        h(
          'p',
          { class: 'muted' },
          'Every label records this hash. Change the context with tacit context set FILE; tacit label --backfill relabels history under it.',
        ),
        h('pre', { class: 'code' }, JSON.stringify(c.context, null, 2)),
      ),
    ],
  };
}
