declare module 'hbs' {
  import type Handlebars from 'handlebars';
  const hbs: { handlebars: typeof Handlebars; registerPartial(name: string, source: string): void };
  export default hbs;
}
